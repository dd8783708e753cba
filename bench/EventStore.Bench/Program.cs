using Cabinets.EventStore;
using Cabinets.EventStore.Bench;
using Cabinets.EventStore.Embedded;
using Cabinets.EventStore.Schema;
using Npgsql;

// Appends and daemon catch-up against plain Npgsql doing the same rows (ADR-0003); see BenchOptions.Usage.
if (args.Contains("--help")) { Console.WriteLine(BenchOptions.Usage); return; }
var options = BenchOptions.Parse(args);

EmbeddedPostgres? embedded = null;
var dataDir = Path.Combine(Path.GetTempPath(), $"cabinets-bench-pg-{Guid.NewGuid():N}");
var admin = options.Connection;
if (admin is null)
{
    embedded = await EmbeddedPostgres.StartAsync(dataDir, durable: true);
    admin = embedded.ConnectionString();
}

var database = $"bench_{Guid.NewGuid():N}";
await using (var conn = new NpgsqlConnection(admin))
{
    await conn.OpenAsync();
    await using var create = new NpgsqlCommand($"create database \"{database}\"", conn);
    await create.ExecuteNonQueryAsync();
}
var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database, MaxPoolSize = 50 }.ConnectionString;
try
{
    await using var dataSource = EventStoreDataSource.Create(connectionString);
    await SchemaMigrator.MigrateAsync(dataSource, []);
    var store = new PostgresEventStore(dataSource, BenchEvents.Registry());
    Console.WriteLine($"PostgreSQL: {(embedded is null ? "given connection" : "embedded, durable (fsync on)")}; {Environment.ProcessorCount} cores; {options}");

    var results = new List<BenchResult>();
    if (!options.SkipAppends) results.AddRange(await new AppendBenchmarks(store, dataSource, options).RunAsync());
    if (!options.SkipCatchUp) results.Add(await new CatchUpBenchmark(store, dataSource, options).RunAsync());
    if (!options.SkipRebuild) results.Add(await new FreeDoorRebuildBenchmark(dataSource, options).RunAsync());
    ResultTable.Print(results);
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await using (var conn = new NpgsqlConnection(admin))
    {
        await conn.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists \"{database}\" with (force)", conn);
        await drop.ExecuteNonQueryAsync();
    }
    if (embedded is not null)
    {
        await embedded.DisposeAsync();
        Directory.Delete(dataDir, recursive: true);
    }
}
