using System.CommandLine;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Cabinets.Api.Audit.Export;
using Cabinets.Api.Operations;

namespace Cabinets.Api.Cli;

/// <summary>`audit export`, `audit import`, `audit replay-compare` (ADR-0028).</summary>
internal static class AuditCommands
{
    public static Command Build(IServiceProvider services, CliOutput io) => new("audit", "Export, import and check the event history")
    {
        Export(services, io),
        Import(services, io),
        ReplayCompareCommand.Build(services, io),
    };

    private static Command Export(IServiceProvider services, CliOutput io)
    {
        var output = new Option<string>("--out") { Description = "the NDJSON file to write (.gz: gzipped); its manifest goes to <file>.manifest.json", Required = true };
        var fromSeq = new Option<long?>("--from-seq") { Description = "first global position (inclusive)" };
        var toSeq = new Option<long?>("--to-seq") { Description = "last global position (inclusive); default: the daemon's high-water mark" };
        var from = new Option<string?>("--from") { Description = "events at or after this time (ISO 8601, UTC unless an offset is given)" };
        var to = new Option<string?>("--to") { Description = "events before this time (ISO 8601)" };
        var streamType = new Option<string?>("--stream-type") { Description = "Marten's stream type (cabinet_snapshot) or a stream-key prefix (cabinet, station-order)" };
        var stream = new Option<string?>("--stream") { Description = "one stream key, e.g. cabinet-IBS20260001" };
        var command = new Command("export", "Write an event range as NDJSON with a manifest (count, positions, time range, SHA-256)")
        {
            output, fromSeq, toSeq, from, to, streamType, stream,
        };
        command.SetAction((parsed, ct) => CliCommands.GuardAsync(io, async () =>
        {
            var filter = new ExportFilter(parsed.GetValue(fromSeq), parsed.GetValue(toSeq), Time(parsed.GetValue(from), "--from"),
                Time(parsed.GetValue(to), "--to"), parsed.GetValue(streamType), parsed.GetValue(stream));
            var manifest = await ExportAsync(services.GetRequiredService<EventExporter>(), filter, parsed.GetRequiredValue(output), io, ct);
            await io.Out.WriteLineAsync(JsonSerializer.Serialize(manifest, ExportManifest.Json));
            return 0;
        }));
        return command;
    }

    /// <summary>Writes to `&lt;file&gt;.partial` and renames at the end, so a cut-off export never looks finished.</summary>
    internal static async Task<ExportManifest> ExportAsync(EventExporter exporter, ExportFilter filter, string path, CliOutput io, CancellationToken ct)
    {
        var range = await exporter.ResolveAsync(filter, ct);
        var total = await exporter.CountAsync(filter, range, ct);
        if (filter.ToSeq is null && range.HeldBack > 0)
            await io.Err.WriteLineAsync($"note: {range.HeldBack} newer events are above the high-water mark ({range.ThroughSeq}) and are left out; pass --to-seq to take them");
        var partial = path + ".partial";
        var gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        ExportManifest manifest;
        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        await using (var fileHash = new HashingStream(file, leaveOpen: true))
        {
            manifest = await io.WithProgressAsync($"export {Path.GetFileName(path)}", async task =>
            {
                task.MaxValue = Math.Max(1, total);
                var progress = new CliOutput.Reporter<long>(n => task.Value = n);
                if (!gzip) return await exporter.WriteAsync(filter, range, fileHash, progress, ct);
                await using var zip = new GZipStream(fileHash, CompressionLevel.Fastest, leaveOpen: true);
                return await exporter.WriteAsync(filter, range, zip, progress, ct);
            });
            await fileHash.FlushAsync(ct);
            if (gzip) manifest = manifest with { GzipSha256 = fileHash.HashHex() };
        }
        File.Move(partial, path, overwrite: true);
        await File.WriteAllTextAsync(ExportManifest.PathFor(path), JsonSerializer.Serialize(manifest, ExportManifest.Json), ct);
        await io.Err.WriteLineAsync($"exported {manifest.Count} events (seq {manifest.FirstSeq}..{manifest.LastSeq}) to {path}");
        return manifest;
    }

    private static Command Import(IServiceProvider services, CliOutput io)
    {
        var input = new Option<string>("--in") { Description = "an export (.ndjson or .ndjson.gz, from the CLI or the HTTP endpoint)", Required = true };
        var manifestPath = new Option<string?>("--manifest") { Description = "the manifest, if not <file>.manifest.json or the file's last line" };
        var noWait = new Option<bool>("--no-wait") { Description = "do not wait for the async projections to catch up" };
        var waitSeconds = new Option<int>("--wait-seconds") { Description = "how long to wait for the async projections", DefaultValueFactory = _ => 600 };
        var command = new Command("import", "Load an export into an EMPTY event store, check its manifest, rebuild the read models")
        {
            input, manifestPath, noWait, waitSeconds,
        };
        command.SetAction((parsed, ct) => CliCommands.GuardAsync(io, async () =>
        {
            var importer = services.GetRequiredService<EventImporter>();
            var result = await io.WithProgressAsync("import", async task =>
            {
                var progress = new CliOutput.Reporter<ImportProgress>(p =>
                {
                    task.Description = $"import: {p.Stage}";
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                });
                return await importer.ImportAsync(parsed.GetRequiredValue(input), parsed.GetValue(manifestPath), progress, ct);
            });
            await io.Err.WriteLineAsync($"imported {result.Events} events in {result.Streams} streams (seq {result.FirstSeq}..{result.LastSeq}); " +
                                        $"rebuilt {result.RebuiltInline.Count} inline projections");
            if (!parsed.GetValue(noWait) && result.LastSeq is { } last)
                await WaitForProjectionsAsync(services.GetRequiredService<ProjectionStatuses>(), last, TimeSpan.FromSeconds(parsed.GetValue(waitSeconds)), io, ct);
            await io.Out.WriteLineAsync(JsonSerializer.Serialize(result, ExportManifest.Json));
            return 0;
        }));
        return command;
    }

    private static async Task WaitForProjectionsAsync(ProjectionStatuses statuses, long last, TimeSpan timeout, CliOutput io, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        await io.WithProgressAsync("async projections catching up", async task =>
        {
            task.MaxValue = Math.Max(1, last);
            while (true)
            {
                var all = await statuses.AllAsync(ct);
                task.Value = all.Count == 0 ? last : all.Min(p => Math.Min(p.Position, last));
                if (all.All(p => p.Position >= last)) return 0;
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"the async projections did not reach {last} in {timeout.TotalSeconds:N0} s; they go on when a node runs them");
                await Task.Delay(250, ct);
            }
        });
    }

    private static DateTimeOffset? Time(string? value, string option) =>
        value is null ? null
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime()
        : throw new ArgumentException($"{option} must be an ISO 8601 time, e.g. 2026-12-02T08:00:00Z");
}
