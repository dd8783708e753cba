using Cabinets.Api.Hosting;
using Cabinets.Api.Hosting.Embedded;
using Marten;
using Npgsql;

namespace Cabinets.Station.Bench;

/// <summary>
/// A throw-away PostgreSQL cluster from the machine's binaries (the Api's launcher), tuned like the
/// cluster of CRITTER.md (shared_buffers 1GB), with one database per benchmark family; the same
/// approach as bench/EventStore.Bench.
/// </summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private readonly string _dataDir;
    private readonly bool _durable;
    private EmbeddedPostgres _pg;
    private readonly List<IAsyncDisposable> _owned = [];

    private BenchServer(string dataDir, bool durable, EmbeddedPostgres pg)
    {
        _dataDir = dataDir;
        _durable = durable;
        _pg = pg;
    }

    public string Describe { get; private set; } = "";

    /// <summary>The server's log (pg_ctl -l), where auto_explain writes its plans.</summary>
    public string LogFile => Path.Combine(_dataDir, "server.log");

    public static async Task<BenchServer> StartAsync(bool durable, CancellationToken ct)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"station-bench-{Guid.NewGuid():N}");
        var pg = await EmbeddedPostgres.StartAsync(dataDir, durable: durable, ct: ct);
        var server = new BenchServer(dataDir, durable, pg);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopNow();
        try
        {
            await server.TuneAsync(ct);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>Settings that need a restart go through ALTER SYSTEM, then the same cluster starts again.</summary>
    private async Task TuneAsync(CancellationToken ct)
    {
        await using (var conn = new NpgsqlConnection(_pg.ConnectionString()))
        {
            await conn.OpenAsync(ct);
            foreach (var sql in new[]
                     {
                         "alter system set shared_buffers = '1GB'", "alter system set max_wal_size = '4GB'",
                         "alter system set checkpoint_timeout = '15min'",
                     })
            {
                await using var cmd = new NpgsqlCommand(sql, conn);
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }
        NpgsqlConnection.ClearAllPools();
        await _pg.DisposeAsync();
        _pg = await EmbeddedPostgres.StartAsync(_dataDir, durable: _durable, ct: ct);

        await using var check = new NpgsqlConnection(_pg.ConnectionString());
        await check.OpenAsync(ct);
        await using var show = new NpgsqlCommand(
            "select current_setting('server_version') || ', shared_buffers ' || current_setting('shared_buffers') || ', fsync ' || current_setting('fsync') || ', synchronous_commit ' || current_setting('synchronous_commit')",
            check);
        Describe = $"PostgreSQL {(string)(await show.ExecuteScalarAsync(ct))!} on 127.0.0.1:{_pg.Port}";
    }

    /// <summary>A new, empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string database, CancellationToken ct)
    {
        await using (var conn = new NpgsqlConnection(_pg.ConnectionString()))
        {
            await conn.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"create database {database}", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
        return _pg.ConnectionString(database);
    }

    /// <summary>A fresh database with our data source settings and our store configuration, schema applied.</summary>
    public async Task<(NpgsqlDataSource DataSource, DocumentStore Store, string ConnectionString)> OpenStoreAsync(string database, CancellationToken ct)
    {
        var connectionString = await CreateDatabaseAsync(database, ct);
        var dataSource = NpgsqlDataSource.Create(CritterStackSetup.DataSourceConnectionString(connectionString));
        var opts = new StoreOptions();
        opts.Connection(dataSource);
        CritterStackSetup.ConfigureMarten(opts);
        // Marten writes "The async daemon is disabled" to stdout, which is the results table here.
        var stdout = Console.Out;
        Console.SetOut(Console.Error);
        _owned.Add(dataSource);
        DocumentStore store;
        try
        {
            store = new DocumentStore(opts);
            _owned.Add(new DisposeStore(store));
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        }
        finally
        {
            Console.SetOut(stdout);
        }
        return (dataSource, store, connectionString);
    }

    private void StopNow()
    {
        try
        {
            _pg.Stop();
        }
        catch (InvalidOperationException)
        {
            // best effort at process exit
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--) await _owned[i].DisposeAsync();
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
        catch (UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"could not remove {_dataDir}");
        }
    }

    private sealed class DisposeStore(DocumentStore store) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            store.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
