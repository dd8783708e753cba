using Cabinets.Testing;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cabinets.Api.Tests.Conformance;

/// <summary>
/// The Api on Kestrel at a free loopback port, for the Node conformance scripts, which need a URL
/// (Alba's in-memory server has none). Same settings as <see cref="ApiFixture"/>.
/// </summary>
public sealed class ListeningApi : WebApplicationFactory<Program>, IAsyncLifetime
{
    private string _connectionString = "";

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync("conf");
        UseKestrel(0);
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        await ApiFixture.WaitUntilReadyAsync(Http());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        ApiFixture.Configure(builder, _connectionString, new Dictionary<string, string>());


    public HttpClient Http() => new() { BaseAddress = BaseAddress };

    public Task<HttpClient> AdminAsync() => ApiFixture.SignInAsync(Http());

    public Task CaughtUpAsync() => Services.GetRequiredService<Microsoft.Extensions.Hosting.IHost>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_connectionString);
    }
}
