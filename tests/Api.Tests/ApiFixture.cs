using System.Net.Http.Json;
using Alba;
using Cabinets.Api.Commands;
using Cabinets.Api.Tests.GraphQL;
using Cabinets.Testing;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Cabinets.Api.Tests;

/// <summary>
/// The whole Api on Alba (<see cref="AlbaHost"/>, the real pipeline in-process) over this class's
/// own database, with a bootstrap admin. Tests share the class's database and keep apart by
/// their own serials; they wait on the daemon, never on a clock.
/// </summary>
public class ApiFixture : IAsyncLifetime
{
    public const string AdminPassword = "correct horse battery staple";

    public string ConnectionString { get; private set; } = "";

    public IAlbaHost Host { get; private set; } = null!;

    public IServiceProvider Services => Host.Services;

    /// <summary>Extra settings a test class wants (e.g. `Ibs:AutoProvision`).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    /// <summary>Extra services or Marten/Wolverine configuration a test class adds (test handlers, recorders).</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync("api");
        Host = await AlbaHost.For<Program>(builder => Configure(builder, ConnectionString, Settings).ConfigureServices(ConfigureServices));
        await WaitUntilReadyAsync(Host.Server.CreateClient());
    }

    internal static IWebHostBuilder Configure(IWebHostBuilder builder, string connectionString, IReadOnlyDictionary<string, string> settings)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:EventStore", connectionString);
        builder.UseSetting("Admin:BootstrapPassword", AdminPassword);
        builder.UseSetting("Auth:PasswordIterations", "1000"); // hashing cost is not under test here
        builder.UseSetting("Sms:FilePath", Path.Combine(Path.GetTempPath(), $"sms-{Guid.NewGuid():N}.jsonl"));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        return builder;
    }

    /// <summary>Readiness opens once the bootstrap admin exists (a hosted service after start).</summary>
    internal static async Task WaitUntilReadyAsync(HttpClient http)
    {
        for (var i = 0; i < 600; i++)
        {
            if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            await Task.Delay(50);
        }
        throw new TimeoutException("the Api did not become ready in 30 s");
    }

    public HttpClient Http() => Host.Server.CreateClient();

    /// <summary>Another Api process on the same database (a second node), until disposed.</summary>
    public async Task<IAlbaHost> StartNodeAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var node = await AlbaHost.For<Program>(builder => Configure(builder, ConnectionString, settings ?? Settings).ConfigureServices(ConfigureServices));
        await WaitUntilReadyAsync(node.Server.CreateClient());
        return node;
    }

    /// <summary>A client signed in as the bootstrap admin.</summary>
    public Task<HttpClient> AdminAsync() => SignInAsync(Http());

    private Task<HttpClient>? sharedAdmin;

    /// <summary>One signed-in admin for a whole test class (sign-ins are rate-limited per address: a class of many tests would reach the limit).</summary>
    public Task<HttpClient> SharedAdminAsync() => sharedAdmin ??= AdminAsync();

    internal static async Task<HttpClient> SignInAsync(HttpClient http)
    {
        var login = await http.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = AdminPassword });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<LoginAnswer>())!.Token;
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    /// <summary>Sends a command as an admin would, straight to its handler.</summary>
    public Task<CommandOutcome> SendAsync(object command) =>
        Services.GetRequiredService<CommandSender>().SendAsync(command, new CommandContext(new Actor("admin", "admin", "test")));

    /// <summary>Waits until every async projection has applied every committed event (Marten's daemon wait).</summary>
    public Task CaughtUpAsync() => Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

    /// <summary>The stored events of a stream, with their metadata.</summary>
    public async Task<IReadOnlyList<JasperFx.Events.IEvent>> StreamAsync(string streamId)
    {
        await using var session = Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Events.FetchStreamAsync(streamId);
    }

    /// <summary>The SQL statements this database ran during <paramref name="act"/> (Npgsql's activities).</summary>
    public Task<(GraphQLClient.Response Response, List<string> Statements)> StatementsAsync(Func<Task<GraphQLClient.Response>> act) =>
        SqlStatements.DuringAsync(ConnectionString, act);

    public virtual async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(ConnectionString);
    }

    private sealed record LoginAnswer(string Token, DateTimeOffset ExpiresAt);
}
