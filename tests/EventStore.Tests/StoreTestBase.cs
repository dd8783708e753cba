using Cabinets.EventStore.Events;
using Cabinets.EventStore.Schema;
using Cabinets.Testing;
using Npgsql;

namespace Cabinets.EventStore.Tests;

public sealed record Opened(string Name);
public sealed record Deposited(long Amount);
public sealed record Renamed(string Name);

/// <summary>A migrated store on this class's own database.</summary>
public abstract class StoreTestBase(DatabaseFixture db) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    protected static readonly EventMetadata Meta = new(new Actor("tester", "admin", "test"), CorrelationId: "corr-1");

    protected NpgsqlDataSource DataSource { get; private set; } = null!;
    protected PostgresEventStore Store { get; private set; } = null!;

    protected static EventTypeRegistry NewRegistry() => new EventTypeRegistry()
        .Register<Opened>("test.opened")
        .Register<Deposited>("test.deposited")
        .Register<Renamed>("test.renamed", version: 2)
        .Upcast("test.renamed", fromVersion: 1, json =>
        {
            // v1 stored the name as "title"
            json["name"] = json["title"]?.DeepClone();
            json.Remove("title");
            return json;
        });

    public virtual async Task InitializeAsync()
    {
        DataSource = EventStoreDataSource.Create(db.ConnectionString);
        await SchemaMigrator.MigrateAsync(DataSource, []);
        Store = new PostgresEventStore(DataSource, NewRegistry());
    }

    public virtual async Task DisposeAsync() => await DataSource.DisposeAsync();

    protected static string NewStreamId() => $"account-{Guid.NewGuid():N}";

    protected async Task<long> ScalarAsync(string sql)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
