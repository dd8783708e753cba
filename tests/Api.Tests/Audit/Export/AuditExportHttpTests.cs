using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Cabinets.Api.Tests.Audit.Export;

/// <summary>`GET /api/audit/export` over real HTTP (ADR-0028): who may call it, what each filter takes, the manifest line, gzip.</summary>
public sealed class AuditExportHttpTests(AuditFixture api) : IClassFixture<AuditFixture>
{
    [Fact]
    public async Task an_anonymous_caller_gets_401_and_a_caller_without_audit_read_gets_403()
    {
        (await api.Http().GetAsync("/api/audit/export")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var op = await api.OperatorAsync();
        (await op.GetAsync("/api/audit/export")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task the_whole_store_streams_as_one_line_per_event_with_the_data_as_stored_and_a_manifest_line_that_hashes_them()
    {
        await api.SeededAsync();
        using var admin = await api.AdminAsync();
        var response = await admin.GetAsync("/api/audit/export?toSeq=" + await MaxSeqAsync());
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/x-ndjson");
        var (events, manifest, body) = Parse(await response.Content.ReadAsByteArrayAsync());

        var stored = await StoredAsync("select seq_id, stream_id, version, type, data::text from mt_events where seq_id <= $1 order by seq_id", manifest.GetProperty("throughSeq").GetInt64());
        events.Select(e => e.GetProperty("seq").GetInt64()).ShouldBe(stored.Select(s => (long)s[0]));
        events.Select(e => e.GetProperty("streamKey").GetString()).ShouldBe(stored.Select(s => (string)s[1]));
        events.Select(e => e.GetProperty("version").GetInt64()).ShouldBe(stored.Select(s => (long)s[2]));
        events.Select(e => e.GetProperty("type").GetString()).ShouldBe(stored.Select(s => (string)s[3]));
        events.Select(e => e.GetProperty("data").GetRawText()).ShouldBe(stored.Select(s => (string)s[4])); // jsonb's own text, untouched
        events.ShouldAllBe(e => e.GetProperty("correlationId").GetString() != null && e.GetProperty("userName").GetString() != null);
        manifest.GetProperty("count").GetInt64().ShouldBe(events.Count);
        manifest.GetProperty("firstSeq").GetInt64().ShouldBe(events[0].GetProperty("seq").GetInt64());
        manifest.GetProperty("lastSeq").GetInt64().ShouldBe(events[^1].GetProperty("seq").GetInt64());
        manifest.GetProperty("sha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(body)));
        manifest.GetProperty("formatVersion").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task each_filter_takes_only_its_events()
    {
        await api.SeededAsync();
        using var admin = await api.AdminAsync();
        var stream = $"cabinet-{AuditFixture.Serial}";

        var one = await EventsAsync(admin, $"stream={stream}");
        one.ShouldNotBeEmpty();
        one.ShouldAllBe(e => e.GetProperty("streamKey").GetString() == stream);
        one.Select(e => e.GetProperty("version").GetInt64()).ShouldBe(Enumerable.Range(1, one.Count).Select(v => (long)v));

        var cabinets = await EventsAsync(admin, "streamType=cabinet");
        cabinets.Select(e => e.GetProperty("streamKey").GetString()).Distinct().Order().ShouldBe(["cabinet-AUD-0001", "cabinet-AUD-0002"]);
        (await EventsAsync(admin, "streamType=cabinet_snapshot")).Count.ShouldBe(cabinets.Count);

        var all = await EventsAsync(admin, "");
        var (from, to) = (all[2].GetProperty("seq").GetInt64(), all[6].GetProperty("seq").GetInt64());
        (await EventsAsync(admin, $"fromSeq={from}&toSeq={to}")).Select(Seq).ShouldBe(all.Skip(2).Take(5).Select(Seq));

        var (start, end) = (all[3].GetProperty("timestamp").GetDateTimeOffset(), all[8].GetProperty("timestamp").GetDateTimeOffset());
        var window = await EventsAsync(admin, $"from={Uri.EscapeDataString(start.ToString("O"))}&to={Uri.EscapeDataString(end.ToString("O"))}");
        window.Select(Seq).ShouldBe(all.Where(e => e.GetProperty("timestamp").GetDateTimeOffset() >= start && e.GetProperty("timestamp").GetDateTimeOffset() < end).Select(Seq));
        window.ShouldNotBeEmpty();

        var newest = await MaxSeqAsync();
        var beyond = await EventsAsync(admin, $"fromSeq={from}&toSeq={long.MaxValue}"); // stops at the newest event, past the high-water mark
        beyond.Select(Seq).Take(all.Count - 2).ShouldBe(all.Skip(2).Select(Seq));
        Seq(beyond[^1]).ShouldBe(newest);
        (await admin.GetAsync("/api/audit/export?fromSeq=abc")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task gzip_is_served_as_a_download_or_as_a_content_encoding_with_the_same_lines()
    {
        await api.SeededAsync();
        using var admin = await api.AdminAsync();
        var through = await MaxSeqAsync();
        var plain = Parse(await admin.GetByteArrayAsync($"/api/audit/export?toSeq={through}"));

        var download = await admin.GetAsync($"/api/audit/export?toSeq={through}&gzip=true");
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/gzip");
        download.Content.Headers.ContentDisposition!.FileName!.ShouldContain(".ndjson.gz");
        var unzipped = Parse(Gunzip(await download.Content.ReadAsByteArrayAsync()));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/audit/export?toSeq={through}");
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        var encoded = await admin.SendAsync(request);
        encoded.Content.Headers.ContentEncoding.ShouldBe(["gzip"]);
        var decoded = Parse(Gunzip(await encoded.Content.ReadAsByteArrayAsync()));

        unzipped.Body.ShouldBe(plain.Body);
        decoded.Body.ShouldBe(plain.Body);
        unzipped.Manifest.GetProperty("sha256").GetString().ShouldBe(plain.Manifest.GetProperty("sha256").GetString());
    }

    private static long Seq(JsonElement e) => e.GetProperty("seq").GetInt64();

    private static async Task<List<JsonElement>> EventsAsync(HttpClient http, string query)
    {
        var response = await http.GetAsync("/api/audit/export?" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return Parse(await response.Content.ReadAsByteArrayAsync()).Events;
    }

    /// <summary>The event lines, the manifest of the last line, and the bytes the manifest hashes (everything before it).</summary>
    private static (List<JsonElement> Events, JsonElement Manifest, byte[] Body) Parse(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        text.ShouldEndWith("\n");
        var lines = text[..^1].Split('\n');
        var manifest = JsonDocument.Parse(lines[^1]).RootElement.GetProperty("manifest");
        var body = Encoding.UTF8.GetBytes(string.Concat(lines[..^1].Select(l => l + "\n")));
        return (lines[..^1].Select(l => JsonDocument.Parse(l).RootElement).ToList(), manifest, body);
    }

    private static byte[] Gunzip(byte[] gz)
    {
        using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private async Task<long> MaxSeqAsync() => (long)(await StoredAsync("select max(seq_id) from mt_events where $1 = $1", 0L))[0][0];

    private async Task<List<object[]>> StoredAsync(string sql, long parameter)
    {
        await using var db = NpgsqlDataSource.Create(api.ConnectionString);
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = parameter });
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await r.ReadAsync())
        {
            var row = new object[r.FieldCount];
            r.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }
}
