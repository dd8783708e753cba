using System.Diagnostics;
using System.Globalization;

namespace Cabinets.EventStore.Bench;

/// <summary>One line of the table: the same work through Marten (our configuration) and through raw Npgsql.</summary>
internal sealed record ResultRow(string Case, Measurement Marten, Measurement Raw, string Note = "")
{
    public double Ratio => Raw.PerSecond > 0 ? Marten.PerSecond / Raw.PerSecond : double.NaN;
}

/// <summary>Events done in a time, with the per-transaction latencies when there are any.</summary>
internal sealed record Measurement(long Events, TimeSpan Elapsed, IReadOnlyList<double>? LatenciesMs = null)
{
    public double PerSecond => Elapsed > TimeSpan.Zero ? Events / Elapsed.TotalSeconds : 0;

    public string Latency => LatenciesMs is { Count: > 0 } l
        ? string.Create(CultureInfo.InvariantCulture, $"p50 {Percentile(l, 0.50):0.0} / p99 {Percentile(l, 0.99):0.0} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{Elapsed.TotalSeconds:0.00} s");

    private static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    }

    public static async Task<Measurement> TimeAsync(long events, Func<Task> work)
    {
        var sw = Stopwatch.StartNew();
        await work();
        return new Measurement(events, sw.Elapsed);
    }
}

internal static class ResultTable
{
    public static void Print(IReadOnlyList<ResultRow> rows, TextWriter w)
    {
        var header = new[] { "case", "marten ev/s", "raw ev/s", "marten/raw", "marten", "raw", "note" };
        var cells = rows.Select(r => new[]
        {
            r.Case, Rate(r.Marten.PerSecond), Rate(r.Raw.PerSecond),
            double.IsNaN(r.Ratio) ? "-" : r.Ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x",
            r.Marten.Latency, r.Raw.Latency, r.Note,
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        string Line(string[] c) => "| " + string.Join(" | ", c.Select((x, i) => i is 1 or 2 or 3 ? x.PadLeft(widths[i]) : x.PadRight(widths[i]))) + " |";
        w.WriteLine(Line(header));
        w.WriteLine("|" + string.Join("|", widths.Select((x, i) => i is 1 or 2 or 3 ? new string('-', x + 1) + ":" : new string('-', x + 2))) + "|");
        foreach (var c in cells) w.WriteLine(Line(c));
    }

    private static string Rate(double perSecond) => perSecond.ToString("#,0", CultureInfo.InvariantCulture);
}

/// <summary>
/// Runs writers in parallel for warm-up plus measured time; counts the transactions that finished
/// within the measured window (an unbiased rate in steady state).
/// </summary>
internal static class TimedRun
{
    public delegate Task<int> Step(int writer, CancellationToken ct);

    public static async Task<Measurement> RunAsync(int writers, TimeSpan warmUp, TimeSpan measured, Step step, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var measureFrom = warmUp.Ticks;
        var measureTo = (warmUp + measured).Ticks;
        var events = new long[writers];
        var latencies = new List<double>[writers];
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(capacity: 1 << 14);
            while (!ct.IsCancellationRequested)
            {
                var started = clock.Elapsed.Ticks;
                if (started >= measureTo) break;
                var n = await step(w, ct);
                var ended = clock.Elapsed.Ticks;
                if (ended >= measureFrom && ended <= measureTo)
                {
                    events[w] += n;
                    mine.Add(TimeSpan.FromTicks(ended - started).TotalMilliseconds);
                }
            }
        }, ct)).ToArray();
        await Task.WhenAll(tasks);
        ct.ThrowIfCancellationRequested();
        return new Measurement(events.Sum(), measured, latencies.SelectMany(l => l).ToList());
    }
}
