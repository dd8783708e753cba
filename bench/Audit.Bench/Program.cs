using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Cabinets.Api.Audit.Export;
using Cabinets.Audit.Bench;
using Npgsql;

// By-hand benchmark of the audit export (ADR-0028) against raw COPY of the same rows, in one run (README.md).
var events = args.Select(a => a.Split('=')).Where(a => a[0] == "events").Select(a => int.Parse(a[1].Replace("_", ""), CultureInfo.InvariantCulture))
    .DefaultIfEmpty(1_000_000).First();
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
var clock = Stopwatch.StartNew();
void Progress(string what) => Console.Error.WriteLine($"[{clock.Elapsed:hh\\:mm\\:ss}] {what}");
var dir = Directory.CreateTempSubdirectory("audit-bench-out-").FullName;
var rows = new List<string[]>();
string server;
await using (var data = await BenchData.StartAsync(cts.Token))
{
    server = data.Describe;
    Progress($"{server}; loading {events:N0} events by binary COPY");
    await data.LoadAsync(events, cts.Token);
    var exporter = new EventExporter(data.Db, TimeProvider.System);
    var filter = new ExportFilter();

    // Same rows, same columns, same order as the exporter's query, one COPY to a file.
    const string Copy = """
        copy (select e.seq_id, e.id, e.stream_id, s.type, e.version, e.type, e.timestamp, e.tenant_id, e.correlation_id, e.causation_id,
                     e.user_name, e.headers, e.is_archived, e.mt_dotnet_type, e.data
                from mt_events e left join mt_streams s on s.id = e.stream_id order by e.seq_id) to stdout
        """;
    for (var round = 1; round <= 2; round++)
    {
        Progress($"round {round}: raw COPY (text) to a file");
        rows.Add(await Measure.RunAsync($"raw COPY ... TO STDOUT (text), round {round}", events, async () =>
        {
            await using var conn = await data.Db.OpenConnectionAsync(cts.Token);
            await using var file = new StreamWriter(Path.Combine(dir, "copy.txt"));
            using var copy = await conn.BeginTextExportAsync(Copy, cts.Token);
            var buffer = new char[1 << 16];
            int n;
            while ((n = await copy.ReadAsync(buffer, cts.Token)) > 0) await file.WriteAsync(buffer.AsMemory(0, n), cts.Token);
            await file.FlushAsync(cts.Token);
            return file.BaseStream.Length;
        }));
        Progress($"round {round}: raw COPY (binary) to a file");
        rows.Add(await Measure.RunAsync($"raw COPY ... TO STDOUT (binary), round {round}", events, async () =>
        {
            await using var conn = await data.Db.OpenConnectionAsync(cts.Token);
            await using var file = File.Create(Path.Combine(dir, "copy.bin"));
            await using var copy = await conn.BeginRawBinaryCopyAsync(Copy.Replace("to stdout", "to stdout (format binary)", StringComparison.Ordinal), cts.Token);
            await copy.CopyToAsync(file, cts.Token);
            return file.Length;
        }));
        Progress($"round {round}: EventExporter to an NDJSON file");
        rows.Add(await Measure.RunAsync($"export NDJSON file, round {round}", events, async () =>
        {
            await using var file = File.Create(Path.Combine(dir, "export.ndjson"));
            var range = await exporter.ResolveAsync(filter, cts.Token);
            var manifest = await exporter.WriteAsync(filter, range, file, null, cts.Token);
            if (manifest.Count != events) throw new InvalidOperationException($"exported {manifest.Count} of {events}");
            return file.Length;
        }));
        Progress($"round {round}: EventExporter to a gzip file (the CLI's .ndjson.gz, CompressionLevel.Fastest)");
        rows.Add(await Measure.RunAsync($"export NDJSON.gz file, round {round}", events, async () =>
        {
            await using var file = File.Create(Path.Combine(dir, "export.ndjson.gz"));
            await using (var gzip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true))
                await exporter.WriteAsync(filter, await exporter.ResolveAsync(filter, cts.Token), gzip, null, cts.Token);
            return file.Length;
        }));
    }
    Progress("import of the NDJSON export into an empty store (EventImporter: COPY, manifest check, insert, inline rebuilds)");
    var ndjson = Path.Combine(dir, "export.ndjson");
    await using (var file = File.Create(ndjson))
    {
        var manifest = await exporter.WriteAsync(filter, await exporter.ResolveAsync(filter, cts.Token), file, null, cts.Token);
        await File.WriteAllTextAsync(ExportManifest.PathFor(ndjson), System.Text.Json.JsonSerializer.Serialize(manifest, ExportManifest.Json), cts.Token);
    }
    var (importDb, importStore) = await data.EmptyStoreAsync("audit_bench_import", cts.Token);
    var importer = new EventImporter(importDb, importStore);
    var stage = "";
    var stages = Stopwatch.StartNew();
    rows.Add(await Measure.RunAsync("import NDJSON into an empty store (all stages)", events, async () =>
    {
        var result = await importer.ImportAsync(ndjson, null, new Reporter(p =>
        {
            if (p.Stage == stage) return;
            Progress($"  import: {stage} done after {stages.Elapsed.TotalSeconds:0.0} s; now {p.Stage}");
            stage = p.Stage;
        }), cts.Token);
        return result.Events == events ? 0 : throw new InvalidOperationException($"imported {result.Events}");
    }));
    Progress("count(*) for the CLI's progress bar");
    rows.Add(await Measure.RunAsync("CLI's count(*) before an export", events, async () =>
    {
        var count = await exporter.CountAsync(filter, await exporter.ResolveAsync(filter, cts.Token), cts.Token);
        return count == events ? 0 : throw new InvalidOperationException($"counted {count}");
    }));
}
Directory.Delete(dir, recursive: true);

Console.WriteLine();
Console.WriteLine($"Audit.Bench: {events:N0} events, {Environment.ProcessorCount} cores, server GC, {server}");
Console.WriteLine($"process peak working set over the whole run (load included): {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MiB");
Console.WriteLine();
Measure.Print(rows, Console.Out);
NpgsqlConnection.ClearAllPools();

internal sealed class Reporter(Action<ImportProgress> report) : IProgress<ImportProgress>
{
    public void Report(ImportProgress value) => report(value);
}
