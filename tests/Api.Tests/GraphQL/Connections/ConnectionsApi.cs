using System.Collections.Concurrent;
using System.Text.Json;
using Npgsql;

namespace Cabinets.Api.Tests.GraphQL.Connections;

/// <summary>
/// The Api over its own database, plus helpers for the list tests. Most tests write rows straight
/// into the read model (they test reading it; the projection has its own tests) under a serial
/// prefix of their own, and filter by that prefix, so they do not see each other's rows.
/// </summary>
public sealed class ConnectionsApi : ApiFixture
{
    public static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public sealed record Cabinet(string Serial, string? Type, string Province, string City, string Place, bool Registered, bool Provisioned, DateTime UpdatedAt);

    public sealed record Door(string Serial, int Number, char Size, bool Insulated, bool Usable);

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _once = new(StringComparer.Ordinal);
    private Lazy<Task<HttpClient>>? _admin;

    /// <summary>Seeds shared rows once per test class; returns their prefix.</summary>
    public Task<string> OnceAsync(string name, Func<Task<string>> seed) => _once.GetOrAdd(name, _ => new Lazy<Task<string>>(seed)).Value;

    /// <summary>One signed-in client for the class (signing in is not under test here).</summary>
    public Task<HttpClient> AdminOnceAsync() => LazyInitializer.EnsureInitialized(ref _admin, () => new Lazy<Task<HttpClient>>(AdminAsync)).Value;

    public static string NewPrefix() => "T" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant() + "-";

    public async Task InsertAsync(params Cabinet[] rows)
    {
        await using var db = NpgsqlDataSource.Create(ConnectionString);
        await using var cmd = db.CreateCommand("""
            insert into rm.cabinets (serial_number, type, province, city, area, street, place, community_name, registered, provisioned, updated_at)
            select s, t, p, c, '区', '街道', pl, '小区', r, pr, u
              from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bool[], $7::bool[], $8::timestamptz[]) as x (s, t, p, c, pl, r, pr, u)
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Serial).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Type).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Province).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.City).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Place).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Registered).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Provisioned).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.UpdatedAt).ToArray() });
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task InsertAsync(params Door[] rows)
    {
        await using var db = NpgsqlDataSource.Create(ConnectionString);
        await using var cmd = db.CreateCommand("""
            insert into rm.doors (serial_number, door_number, cabinet_index, size, insulated, vertical, usable, updated_at)
            select s, n, 0, z, i, false, u, now() from unnest($1::text[], $2::int[], $3::text[], $4::bool[], $5::bool[]) as x (s, n, z, i, u)
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Serial).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Number).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Size.ToString()).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Insulated).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Usable).ToArray() });
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var db = NpgsqlDataSource.Create(ConnectionString);
        await using var cmd = db.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }
}

public static class ConnectionJson
{
    public static JsonElement List(this GraphQLClient.Response response, string field = "cabinets")
    {
        response.Errors.ShouldBeEmpty();
        return response.Data.GetProperty(field);
    }

    public static string[] Serials(this JsonElement connection, string prefix) =>
        connection.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("serialNumber").GetString()![prefix.Length..]).ToArray();

    public static string? Cursor(this JsonElement connection, string name) => connection.GetProperty("pageInfo").GetProperty(name).GetString();

    public static bool Flag(this JsonElement connection, string name) => connection.GetProperty("pageInfo").GetProperty(name).GetBoolean();
}
