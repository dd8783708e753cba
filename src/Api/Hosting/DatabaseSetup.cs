using Cabinets.Api.Hosting.Embedded;
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

        var configuredDir = builder.Configuration["EmbeddedPostgres:DataDirectory"];
        var dataDir = configuredDir ?? Path.Combine(".data", "postgres");
        var port = builder.Configuration.GetValue("EmbeddedPostgres:Port", 0);
        EmbeddedPostgres embedded;
        try
        {
            try
            {
                embedded = await EmbeddedPostgres.StartAsync(dataDir, port);
            }
            catch (DataDirectoryUnreachableException) when (configuredDir is null)
            {
                // Root in a private home (0700, like /root): the postgres user cannot reach the
                // default directory. Use one under /var/lib, which only root can create, per checkout.
                var fallback = FallbackDataDirectory(dataDir);
                Console.Error.WriteLine($"Embedded PostgreSQL: the postgres user cannot reach {Path.GetFullPath(dataDir)}; using {fallback} " +
                    "(set EmbeddedPostgres__DataDirectory to choose)");
                embedded = await EmbeddedPostgres.StartAsync(fallback, port);
            }
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

    private static string FallbackDataDirectory(string dataDir)
    {
        var checkout = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(dataDir))))[..12];
        return Path.Combine("/var/lib/cabinets", checkout, "postgres");
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
