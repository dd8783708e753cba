using System.Net.Http.Json;
using Cabinets.Api.Tests.GraphQL;
using Npgsql;
using Cabinets.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cabinets.Api.Tests;

/// <summary>
/// The whole Api on Kestrel at a free loopback port (real HTTP, in-process) over this class's own
/// database, with a bootstrap admin.
/// </summary>
public class ApiFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminPassword = "correct horse battery staple";
    private string _connectionString = "";

    public string ConnectionString => _connectionString;

    /// <summary>Extra settings a test class wants (e.g. `Ibs:AutoProvision`).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync("api");
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:EventStore", _connectionString);
        builder.UseSetting("Admin:BootstrapPassword", AdminPassword);
        builder.UseSetting("Auth:PasswordIterations", "1000"); // hashing cost is not under test here
        builder.UseSetting("Sms:FilePath", Path.Combine(Path.GetTempPath(), $"sms-{Guid.NewGuid():N}.jsonl"));
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    public HttpClient Http() => new() { BaseAddress = BaseAddress };

    /// <summary>A client signed in as the bootstrap admin.</summary>
    public async Task<HttpClient> AdminAsync()
    {
        var http = Http();
        var login = await http.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = AdminPassword });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<LoginAnswer>())!.Token;
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    /// <summary>The SQL statements this database ran during <paramref name="act"/> (Npgsql's activities).</summary>
    public Task<(GraphQLClient.Response Response, List<string> Statements)> StatementsAsync(Func<Task<GraphQLClient.Response>> act) =>
        SqlStatements.DuringAsync(ConnectionString, act);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_connectionString);
    }

    private sealed record LoginAnswer(string Token, DateTimeOffset ExpiresAt);
}
