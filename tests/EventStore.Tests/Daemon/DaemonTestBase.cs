using Cabinets.EventStore.Appending;
using Cabinets.EventStore.Daemon;
using Cabinets.EventStore.Events;
using Cabinets.EventStore.Projections;
using Cabinets.Testing;
using Npgsql;
using NpgsqlTypes;

namespace Cabinets.EventStore.Tests.Daemon;

/// <summary>A migrated store on this class's own database, and daemons that are stopped after each test.</summary>
public abstract class DaemonTestBase(DatabaseFixture db) : StoreTestBase(db)
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly List<ProjectionDaemon> _daemons = [];

    public override async Task DisposeAsync()
    {
        foreach (var d in _daemons) await d.DisposeAsync();
        await base.DisposeAsync();
    }

    internal ProjectionDaemon NewDaemon(IEnumerable<IProjection> projections, Action<ProjectionDaemonOptions>? configure = null)
    {
        var options = new ProjectionDaemonOptions { BatchSize = 50, PollInterval = TimeSpan.FromMilliseconds(20), RebalanceInterval = TimeSpan.FromMilliseconds(250) };
        configure?.Invoke(options);
        var daemon = new ProjectionDaemon(Store, projections, options);
        _daemons.Add(daemon);
        return daemon;
    }

    internal async Task<ProjectionDaemon> StartDaemonAsync(params IProjection[] projections)
    {
        var daemon = NewDaemon(projections);
        await daemon.StartAsync();
        return daemon;
    }

    /// <summary>Appends <paramref name="count"/> single-event transactions to <paramref name="streamId"/>.</summary>
    protected async Task<EventPosition> AppendManyAsync(string streamId, int count)
    {
        var last = EventPosition.Start;
        for (var i = 0; i < count; i++)
        {
            var result = await Store.AppendAsync(streamId, "account", ExpectedVersion.Any, Meta, [new Deposited(i)]);
            last = result.ShouldBeOfType<AppendResult.Committed>().Events[^1].Position;
        }
        return last;
    }

    protected Task<long> RowsAsync(string table) => ScalarAsync($"select count(*) from rm.{table}");

    /// <summary>Every committed event the projection should have applied, and every one it did, both as seq lists.</summary>
    protected async Task<(List<long> Expected, List<long> Applied)> CompareAsync(string table, string where = "true")
    {
        return (await LongsAsync($"select seq from es.events where {where} order by seq"),
                await LongsAsync($"select seq from rm.{table} order by seq"));
    }

    /// <summary>Calls `es.append` in the caller's transaction (for rollbacks and held-open commits); returns the seqs.</summary>
    protected static async Task<List<long>> RawAppendAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string streamId, int count)
    {
        await using var cmd = new NpgsqlCommand("select seq from es.append($1, 'account', -1, $2, $3, $4, $5::jsonb[], $6::jsonb[])", conn, tx);
        cmd.Parameters.Add(new() { Value = streamId });
        cmd.Parameters.Add(new() { Value = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToArray() });
        cmd.Parameters.Add(new() { Value = Enumerable.Repeat("test.deposited", count).ToArray() });
        cmd.Parameters.Add(new() { Value = Enumerable.Repeat(1, count).ToArray() });
        cmd.Parameters.Add(new() { Value = Enumerable.Repeat("""{"amount": 1}""", count).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = Enumerable.Repeat("""{"actor": {"id": "raw", "role": "test", "channel": "test"}}""", count).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var seqs = new List<long>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) seqs.Add(r.GetInt64(0));
        return seqs;
    }

    protected static async Task<EventPosition> PositionOfAsync(NpgsqlConnection conn, long seq)
    {
        await using var cmd = new NpgsqlCommand("select tx_id::text from es.events where seq = $1", conn);
        cmd.Parameters.Add(new() { Value = seq });
        return new EventPosition(ulong.Parse((string)(await cmd.ExecuteScalarAsync())!, System.Globalization.CultureInfo.InvariantCulture), seq);
    }

    protected async Task<List<long>> LongsAsync(string sql)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<long>();
        while (await r.ReadAsync()) list.Add(r.GetInt64(0));
        return list;
    }
}
