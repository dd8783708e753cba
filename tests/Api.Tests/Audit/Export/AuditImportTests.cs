using System.IO.Compression;
using System.Text;
using Npgsql;

namespace Cabinets.Api.Tests.Audit.Export;

/// <summary>
/// `audit export` then `audit import` into an empty database that a second host serves (ADR-0028):
/// the events, the streams and every read model come out identical; a changed, cut or
/// misplaced file is refused and leaves nothing behind.
/// </summary>
public sealed class AuditImportTests(AuditFixture api) : IClassFixture<AuditFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("audit-import-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task a_gzipped_export_imported_into_an_empty_database_reproduces_every_read_model()
    {
        await api.SeededAsync();
        var file = Path.Combine(_dir, "all.ndjson.gz");
        var export = await api.CliAsync(null, "audit", "export", "--out", file);
        export.Code.ShouldBe(0, export.Err);
        var source = await ReadModels.ReadAsync(api.ConnectionString);

        await using var target = await api.EmptyStoreAsync();
        var import = await api.CliAsync(target.Host, "audit", "import", "--in", file);
        import.Code.ShouldBe(0, import.Err);
        await target.CaughtUpAsync();
        var imported = await ReadModels.ReadAsync(target.ConnectionString);

        imported.Keys.ShouldBe(source.Keys);
        source["rm.doors"].ShouldContain(AuditFixture.Serial);
        source["stations.station_order_lines"].ShouldContain("D11862266");
        source["public.mt_doc_parcelsnapshot"].ShouldContain("PICKED_UP");
        foreach (var (table, rows) in source)
            imported[table].ShouldBe(rows, $"{table} differs after the round trip");
    }

    [Fact]
    public async Task an_import_into_a_store_that_has_events_is_refused_and_appends_nothing()
    {
        await api.SeededAsync();
        var file = Path.Combine(_dir, "cabinets.ndjson");
        (await api.CliAsync(null, "audit", "export", "--out", file, "--stream-type", "cabinet")).Code.ShouldBe(0);
        var before = await CountAsync(api.ConnectionString);

        var import = await api.CliAsync(null, "audit", "import", "--in", file);

        import.Code.ShouldBe(1);
        import.Err.ShouldContain("not empty");
        (await CountAsync(api.ConnectionString)).ShouldBe(before);
    }

    [Fact]
    public async Task a_changed_or_cut_export_is_refused_by_its_manifest_and_leaves_the_store_empty()
    {
        await api.SeededAsync();
        var file = Path.Combine(_dir, "orders.ndjson");
        (await api.CliAsync(null, "audit", "export", "--out", file, "--stream-type", "station-order")).Code.ShouldBe(0);
        var lines = await File.ReadAllLinesAsync(file);
        lines.Length.ShouldBeGreaterThan(1);
        await using var target = await api.EmptyStoreAsync();

        // one digit of one amount changed: the count is right, the hash is not
        var changed = Path.Combine(_dir, "changed.ndjson");
        await File.WriteAllTextAsync(changed, string.Join('\n', lines.Select((l, i) => i == 0 ? l.Replace("\"Quantity\": 2", "\"Quantity\": 3", StringComparison.Ordinal) : l)) + "\n");
        (await File.ReadAllTextAsync(changed)).ShouldNotBe(await File.ReadAllTextAsync(file));
        File.Copy(file + ".manifest.json", changed + ".manifest.json");
        var refused = await api.CliAsync(target.Host, "audit", "import", "--in", changed);
        refused.Code.ShouldBe(1);
        refused.Err.ShouldContain("SHA-256");

        var cut = Path.Combine(_dir, "cut.ndjson.gz");
        await using (var gz = new GZipStream(File.Create(cut), CompressionLevel.Fastest))
            await gz.WriteAsync(Encoding.UTF8.GetBytes(string.Join('\n', lines[..^1]) + "\n"));
        var cutRefused = await api.CliAsync(target.Host, "audit", "import", "--in", cut, "--manifest", file + ".manifest.json");
        cutRefused.Code.ShouldBe(1);
        cutRefused.Err.ShouldContain($"holds {lines.Length - 1} events, its manifest says {lines.Length}");

        (await CountAsync(target.ConnectionString)).ShouldBe(0);
        (await api.CliAsync(target.Host, "audit", "import", "--in", file, "--no-wait")).Code.ShouldBe(0);
        (await CountAsync(target.ConnectionString)).ShouldBe(lines.Length);
    }

    [Fact]
    public async Task an_http_download_imports_as_it_is_its_last_line_being_the_manifest()
    {
        await api.SeededAsync();
        using var admin = await api.AdminAsync();
        var file = Path.Combine(_dir, "download.ndjson.gz");
        await File.WriteAllBytesAsync(file, await admin.GetByteArrayAsync("/api/audit/export?streamType=parcel&gzip=true"));
        await using var target = await api.EmptyStoreAsync();

        var import = await api.CliAsync(target.Host, "audit", "import", "--in", file);

        import.Code.ShouldBe(0, import.Err);
        var summary = System.Text.Json.JsonDocument.Parse(import.Out).RootElement;
        summary.GetProperty("events").GetInt64().ShouldBeGreaterThan(0);
        (await CountAsync(target.ConnectionString)).ShouldBe(summary.GetProperty("events").GetInt64());
    }

    private static async Task<long> CountAsync(string connectionString)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var cmd = db.CreateCommand("select count(*) from mt_events");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
