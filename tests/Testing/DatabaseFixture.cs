using Xunit;

namespace Cabinets.Testing;

/// <summary>xUnit class fixture: each test class gets its own fresh database.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync() => ConnectionString = await PostgresServer.CreateDatabaseAsync("t");

    public Task DisposeAsync() => PostgresServer.DropDatabaseAsync(ConnectionString);
}
