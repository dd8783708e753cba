using System.Diagnostics;
using System.Globalization;

namespace Cabinets.Station.Bench;

/// <summary>Operations done in a measured time, with each one's latency.</summary>
internal sealed record Measurement(long Operations, TimeSpan Elapsed, IReadOnlyList<double> LatenciesMs, long Failures = 0)
{
    private readonly double[] _sorted = [.. LatenciesMs.Order()];

    public double PerSecond => Elapsed > TimeSpan.Zero ? Operations / Elapsed.TotalSeconds : 0;

    public double Percentile(double p) => _sorted.Length == 0 ? double.NaN : _sorted[Math.Min(_sorted.Length - 1, (int)(p * _sorted.Length))];

    public double P50 => Percentile(0.50);

    public double P95 => Percentile(0.95);

    public double P99 => Percentile(0.99);

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];
}

internal static class Table
{
    public static void Print(TextWriter w, string[] header, IEnumerable<string[]> rows, Func<int, bool> rightAligned)
    {
        var cells = rows.ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        string Line(string[] c) => "| " + string.Join(" | ", c.Select((x, i) => rightAligned(i) ? x.PadLeft(widths[i]) : x.PadRight(widths[i]))) + " |";
        w.WriteLine(Line(header));
        w.WriteLine("|" + string.Join("|", widths.Select((x, i) => rightAligned(i) ? new string('-', x + 1) + ":" : new string('-', x + 2))) + "|");
        foreach (var c in cells) w.WriteLine(Line(c));
    }

    public static string Ms(double ms) => double.IsNaN(ms) ? "-" : ms.ToString(ms < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    public static string Rate(double perSecond) => perSecond.ToString(perSecond < 100 ? "#,0.0" : "#,0", CultureInfo.InvariantCulture);

    public static string Ratio(double ratio) => double.IsNaN(ratio) || double.IsInfinity(ratio) ? "-" : ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x";
}

/// <summary>
/// Runs workers in parallel for warm-up plus measured time; counts the operations that finished
/// within the measured window (an unbiased rate in steady state) and their latencies.
/// </summary>
internal static class TimedRun
{
    /// <summary>One operation of worker <c>w</c>: how many units it did (0 = it failed).</summary>
    public delegate Task<int> Step(int worker, CancellationToken ct);

    public static async Task<Measurement> RunAsync(int workers, TimeSpan warmUp, TimeSpan measured, Step step, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var measureFrom = warmUp.Ticks;
        var measureTo = (warmUp + measured).Ticks;
        var done = new long[workers];
        var failed = new long[workers];
        var latencies = new List<double>[workers];
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(capacity: 1 << 14);
            while (!ct.IsCancellationRequested)
            {
                var started = clock.Elapsed.Ticks;
                if (started >= measureTo) break;
                var n = await step(w, ct);
                var ended = clock.Elapsed.Ticks;
                if (ended < measureFrom || ended > measureTo) continue;
                if (n == 0)
                {
                    failed[w]++;
                    continue;
                }
                done[w] += n;
                mine.Add(TimeSpan.FromTicks(ended - started).TotalMilliseconds);
            }
        }, ct)).ToArray();
        await Task.WhenAll(tasks);
        ct.ThrowIfCancellationRequested();
        return new Measurement(done.Sum(), measured, latencies.SelectMany(l => l).ToList(), failed.Sum());
    }
}
