using System.CommandLine;
using System.Text.Json;
using Cabinets.Api.Audit;
using Spectre.Console;

namespace Cabinets.Api.Cli;

/// <summary>
/// `audit replay-compare &lt;projection&gt; [--json]`: <see cref="ReplayCompare"/> (ADR-0029) with a progress
/// bar on stderr and the differences on stdout. Exit code 0 identical, 3 differences found (like
/// diff's 1, but 1 is taken by failures here), 1 failed.
/// </summary>
internal static class ReplayCompareCommand
{
    public const int DifferencesFound = 3;

    public static Command Build(IServiceProvider services, CliOutput io)
    {
        var projection = new Argument<string>("projection") { Description = $"one of: {string.Join(", ", ReplayCompare.Projections)}" };
        var json = new Option<bool>("--json") { Description = "print the whole report as JSON instead of a table" };
        var command = new Command("replay-compare", "Replay a read model from the events into a scratch copy and compare it row by row with the live one")
        {
            projection, json,
        };
        command.SetAction((parsed, ct) => CliCommands.GuardAsync(io, async () =>
        {
            var name = parsed.GetRequiredValue(projection);
            var report = await io.WithProgressAsync($"replay {name}", async task =>
                await services.GetRequiredService<ReplayCompare>().RunAsync(name, new CliOutput.Reporter<ReplayProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                }), ct));
            if (parsed.GetValue(json)) await io.Out.WriteLineAsync(JsonSerializer.Serialize(report, Audit.Export.ExportManifest.Json));
            else if (!report.Identical)
            {
                var table = new Table().AddColumns("table", "key", "kind", "live", "replayed");
                foreach (var d in report.Differences)
                    table.AddRow(Markup.Escape(d.Table), Markup.Escape(d.Key), Markup.Escape(d.Kind), Markup.Escape(d.Live ?? "-"), Markup.Escape(d.Replayed ?? "-"));
                io.Results.Write(table);
            }
            await io.Err.WriteLineAsync(report.Identical
                ? $"{report.Projection}: identical to its replay of {report.Events} events (live position {report.LivePosition})"
                : $"{report.Projection}: {report.Differences.Count} differences from its replay (live position {report.LivePosition})");
            return report.Identical ? 0 : DifferencesFound;
        }));
        return command;
    }
}
