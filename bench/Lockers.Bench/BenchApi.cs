using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Cabinets.Lockers.Bench;

/// <summary>What both cases need of the Api and of SQL: the bootstrap admin, a token, a statement.</summary>
internal static class BenchApi
{
    public const string Password = "lockers bench battery staple";

    public static async Task<string> SignInAsync(HttpClient http, CancellationToken ct)
    {
        using var login = await http.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = Password }, ct);
        login.EnsureSuccessStatusCode();
        using var answer = JsonDocument.Parse(await login.Content.ReadAsStringAsync(ct));
        return answer.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>No command timeout: the bulk statements of a 6,000,000-door load take minutes.</summary>
    public static async Task ExecuteAsync(NpgsqlDataSource db, string sql, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task ExecuteAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlDataSource db, string sql, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.CommandTimeout = 0;
        return (T)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
