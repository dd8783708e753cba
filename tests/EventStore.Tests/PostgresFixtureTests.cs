using Cabinets.Testing;
using Npgsql;

namespace Cabinets.EventStore.Tests;

public sealed class PostgresFixtureTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task each_test_class_gets_its_own_empty_database()
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select count(*) from pg_tables where schemaname = 'public'", conn);
        ((long)(await cmd.ExecuteScalarAsync())!).ShouldBe(0);
        conn.Database.ShouldStartWith("t_");
    }
}
