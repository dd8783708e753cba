using Cabinets.Api.Hosting.Embedded;
using Npgsql;

namespace Cabinets.Api.Tests.Platform;

/// <summary>A second process on the same data directory (a CLI verb beside the server) joins the running cluster and leaves it running.</summary>
public sealed class EmbeddedPostgresJoinTests
{
    [Fact]
    public async Task a_second_start_joins_the_running_cluster_and_its_dispose_leaves_it_running()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"pg-join-{Guid.NewGuid():N}");
        var first = await EmbeddedPostgres.StartAsync(dir, durable: false);
        try
        {
            var second = await EmbeddedPostgres.StartAsync(dir, durable: false);
            second.Owned.ShouldBeFalse();
            second.Port.ShouldBe(first.Port);
            await second.DisposeAsync();

            await using var conn = new NpgsqlConnection(first.ConnectionString());
            await conn.OpenAsync(); // the first one's server still answers
            await using var cmd = new NpgsqlCommand("select 1", conn);
            (await cmd.ExecuteScalarAsync()).ShouldBe(1);
        }
        finally
        {
            await first.DisposeAsync();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
