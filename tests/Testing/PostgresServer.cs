using Cabinets.Api.Hosting.Embedded;
using Npgsql;

namespace Cabinets.Testing;

/// <summary>
/// One PostgreSQL server per test process: EVENTSTORE_TEST_CONNECTION when set, otherwise a
/// throwaway cluster started from the machine's binaries and removed at exit (ADR-0005).
/// </summary>
public static class PostgresServer
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _adminConnection;
    private static EmbeddedPostgres? _embedded;
    private static string? _dataDir;

    public static async Task<string> AdminConnectionStringAsync()
    {
        if (_adminConnection is not null) return _adminConnection;
        await Gate.WaitAsync();
        try
        {
            if (_adminConnection is not null) return _adminConnection;
            var external = Environment.GetEnvironmentVariable("EVENTSTORE_TEST_CONNECTION");
            if (!string.IsNullOrWhiteSpace(external))
            {
                _adminConnection = external;
                return external;
            }

            _dataDir = Path.Combine(Path.GetTempPath(), $"cabinets-test-pg-{Guid.NewGuid():N}");
            _embedded = await EmbeddedPostgres.StartAsync(_dataDir, durable: false);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => StopEmbedded();
            _adminConnection = _embedded.ConnectionString();
            return _adminConnection;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var admin = await AdminConnectionStringAsync();
        var name = $"{prefix.ToLowerInvariant()}_{Guid.NewGuid():N}";
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        await using var conn = new NpgsqlConnection(await AdminConnectionStringAsync());
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static void StopEmbedded()
    {
        _embedded?.Stop();
        try
        {
            if (_dataDir is not null) Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // best effort: the OS temp cleaner takes what is left
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
