using Cabinets.EventStore.Embedded;
using Npgsql;

namespace Cabinets.Api.Hosting;

/// <summary>
/// Finds the database: `ConnectionStrings__EventStore`, or else an embedded PostgreSQL from the
/// machine's binaries with its data under `.data/postgres/` (API-CONTRACT.md, Running; ADR-0005).
/// </summary>
internal static partial class DatabaseSetup
{
    public const string DatabaseName = "cabinets";

    public static async Task<string> ResolveConnectionStringAsync(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetConnectionString("EventStore");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;

        var dataDir = builder.Configuration["EmbeddedPostgres:DataDirectory"] ?? Path.Combine(".data", "postgres");
        var port = builder.Configuration.GetValue("EmbeddedPostgres:Port", 0);
        EmbeddedPostgres embedded;
        try
        {
            embedded = await EmbeddedPostgres.StartAsync(dataDir, port);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"Cannot start the embedded PostgreSQL: {e.Message}", e);
        }
        builder.Services.AddSingleton(embedded);
        builder.Services.AddHostedService<EmbeddedPostgresStopper>();
        await CreateDatabaseIfMissingAsync(embedded.ConnectionString());
        return embedded.ConnectionString(DatabaseName);
    }

    private static async Task CreateDatabaseIfMissingAsync(string adminConnection)
    {
        await using var conn = new NpgsqlConnection(adminConnection);
        await conn.OpenAsync();
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", conn);
        exists.Parameters.Add(new NpgsqlParameter { Value = DatabaseName });
        if (await exists.ExecuteScalarAsync() is not null) return;
        await using var create = new NpgsqlCommand($"create database {DatabaseName}", conn);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>Stops the embedded server when the host stops (Ctrl+C, SIGTERM).</summary>
    private sealed partial class EmbeddedPostgresStopper(EmbeddedPostgres embedded, ILogger<EmbeddedPostgresStopper> log) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            LogStarted(log, embedded.Port);
            return Task.CompletedTask;
        }

        public async Task StopAsync(CancellationToken cancellationToken) => await embedded.DisposeAsync();

        [LoggerMessage(Level = LogLevel.Information, Message = "Embedded PostgreSQL listening on 127.0.0.1:{Port}")]
        private static partial void LogStarted(ILogger logger, int port);
    }
}
