using Cabinets.Api.Hosting;
using Cabinets.Api.Hosting.Embedded;
using Cabinets.Domain.Lockers.Cabinets;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Cabinets.Audit.Bench;

/// <summary>
/// A throw-away PostgreSQL with our store's schema and N real cabinet events with full metadata:
/// N/500 banks of 48 doors registered, then random door flips, loaded by binary COPY.
/// </summary>
internal sealed class BenchData : IAsyncDisposable
{
    private const int Doors = 48;
    private readonly string _dataDir;
    private readonly EmbeddedPostgres _pg;
    private readonly DocumentStore _store;

    private BenchData(string dataDir, EmbeddedPostgres pg, DocumentStore store, NpgsqlDataSource db)
    {
        _dataDir = dataDir;
        _pg = pg;
        _store = store;
        Db = db;
    }

    public NpgsqlDataSource Db { get; }

    public string Describe => $"PostgreSQL on 127.0.0.1:{_pg.Port}, fsync off";

    public static async Task<BenchData> StartAsync(CancellationToken ct)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"audit-bench-{Guid.NewGuid():N}");
        var pg = await EmbeddedPostgres.StartAsync(dataDir, durable: false, ct: ct);
        await using (var conn = new NpgsqlConnection(pg.ConnectionString()))
        {
            await conn.OpenAsync(ct);
            await using var create = new NpgsqlCommand("create database audit_bench", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
        var db = NpgsqlDataSource.Create(CritterStackSetup.DataSourceConnectionString(pg.ConnectionString("audit_bench")));
        var opts = new StoreOptions();
        opts.Connection(db);
        CritterStackSetup.ConfigureMarten(opts);
        var store = new DocumentStore(opts);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return new BenchData(dataDir, pg, store, db);
    }

    private readonly List<IAsyncDisposable> _owned = [];

    /// <summary>Another database on the same server with our schema and no events: an import's target.</summary>
    public async Task<(NpgsqlDataSource Db, DocumentStore Store)> EmptyStoreAsync(string name, CancellationToken ct)
    {
        await using (var conn = new NpgsqlConnection(_pg.ConnectionString()))
        {
            await conn.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"create database {name}", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
        var db = NpgsqlDataSource.Create(CritterStackSetup.DataSourceConnectionString(_pg.ConnectionString(name)));
        var opts = new StoreOptions();
        opts.Connection(db);
        CritterStackSetup.ConfigureMarten(opts);
        var store = new DocumentStore(opts);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        _owned.Add(db);
        _owned.Add(new DisposeStore(store));
        return (db, store);
    }

    private sealed class DisposeStore(DocumentStore store) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            store.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    public async Task LoadAsync(int total, CancellationToken ct)
    {
        var serializer = _store.Options.Serializer();
        var banks = Math.Max(1, total / 500);
        var versions = new long[banks];
        var occupied = new bool[banks, Doors];
        var rng = new Random(20261202);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using var conn = await Db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Streams first (mt_events' foreign key), their versions once the events are in.
        await using (var streams = await conn.BeginBinaryImportAsync("copy mt_streams (id, type, version, tenant_id) from stdin (format binary)", ct))
        {
            for (var b = 0; b < banks; b++)
            {
                await streams.StartRowAsync(ct);
                await streams.WriteAsync(Stream(b), NpgsqlDbType.Varchar, ct);
                await streams.WriteAsync("cabinet_snapshot", NpgsqlDbType.Varchar, ct);
                await streams.WriteAsync(0L, NpgsqlDbType.Bigint, ct);
                await streams.WriteAsync("*DEFAULT*", NpgsqlDbType.Varchar, ct);
            }
            await streams.CompleteAsync(ct);
        }
        long seq = 0;
        await using (var events = await conn.BeginBinaryImportAsync(
            "copy mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, causation_id, headers, user_name, is_archived) from stdin (format binary)", ct))
        {
            var names = CabinetEventNames.All.ToDictionary(e => e.Type, e => $"{e.Name}.v{e.Version}");
            while (seq < total)
            {
                var n = seq;
                var at = start.AddMilliseconds(n);
                var (bank, e) = n < (long)banks * (Doors + 2) ? Registration((int)(n / (Doors + 2)), (int)(n % (Doors + 2)), at) : Flip(rng, banks, occupied, at);
                await events.StartRowAsync(ct);
                await events.WriteAsync(++seq, NpgsqlDbType.Bigint, ct);
                await events.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await events.WriteAsync(Stream(bank), NpgsqlDbType.Varchar, ct);
                await events.WriteAsync(++versions[bank], NpgsqlDbType.Bigint, ct);
                await events.WriteAsync(serializer.ToJson(e), NpgsqlDbType.Jsonb, ct);
                await events.WriteAsync(names[e.GetType()], NpgsqlDbType.Varchar, ct);
                await events.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
                await events.WriteAsync("*DEFAULT*", NpgsqlDbType.Varchar, ct);
                await events.WriteAsync($"{e.GetType().FullName}, Cabinets.Domain", NpgsqlDbType.Varchar, ct);
                await events.WriteAsync($"0HNQ{bank:X8}:{seq:X8}", NpgsqlDbType.Varchar, ct);
                await events.WriteAsync(Guid.CreateVersion7().ToString(), NpgsqlDbType.Varchar, ct);
                await events.WriteAsync("{\"role\": \"firmware\", \"channel\": \"ibs\"}", NpgsqlDbType.Jsonb, ct);
                await events.WriteAsync($"L{bank:D7}", NpgsqlDbType.Varchar, ct);
                await events.WriteAsync(false, NpgsqlDbType.Boolean, ct);
            }
            await events.CompleteAsync(ct);
        }
        foreach (var sql in new[]
                 {
                     "update mt_streams s set version = m.v from (select stream_id, max(version) v from mt_events group by stream_id) m where s.id = m.stream_id",
                     "select setval('mt_events_sequence', (select max(seq_id) from mt_events))",
                 })
        {
            await using var cmd = new NpgsqlCommand(sql, conn, tx) { CommandTimeout = 0 };
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        await using var vacuum = Db.CreateCommand("vacuum analyze mt_events");
        vacuum.CommandTimeout = 0;
        await vacuum.ExecuteNonQueryAsync(ct);
    }

    private static string Stream(int bank) => CabinetEventNames.StreamId($"L{bank:D7}");

    private static (int Bank, ICabinetEvent Event) Registration(int bank, int index, DateTimeOffset at)
    {
        var serial = $"L{bank:D7}";
        return index switch
        {
            0 => (bank, new CabinetProvisioned(serial, new Site("Guangdong", "Shenzhen", $"Area {bank % 23}", $"Street {bank % 101}", $"Place {bank}", $"Community {bank % 37}", null), at)),
            1 => (bank, new CabinetBankRegistered(serial, "IBS-48", [0, 1, 2], at)),
            _ => (bank, new DoorRegistered(serial, index - 1, (index - 2) / 16, new DoorAttributes((index % 3) switch { 0 => DoorSize.Large, 1 => DoorSize.Medium, _ => DoorSize.Small }, index % 7 == 0, false), at)),
        };
    }

    private static (int Bank, ICabinetEvent Event) Flip(Random rng, int banks, bool[,] occupied, DateTimeOffset at)
    {
        var bank = rng.Next(banks);
        var door = rng.Next(1, Doors + 1);
        var serial = $"L{bank:D7}";
        occupied[bank, door - 1] = !occupied[bank, door - 1];
        return (bank, occupied[bank, door - 1] ? new DoorOccupied(serial, door, at) : new DoorReleased(serial, door, at));
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--) await _owned[i].DisposeAsync();
        _store.Dispose();
        await Db.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await _pg.DisposeAsync();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            Console.Error.WriteLine($"could not remove {_dataDir}");
        }
    }
}
