using System.Diagnostics;
using System.Globalization;

namespace Cabinets.Audit.Bench;

/// <summary>
/// Times one case and samples memory every 20 ms while it runs: the largest working set and GC
/// heap seen (this phase's peak, unlike Process.PeakWorkingSet64, which is the process's), and
/// the bytes allocated.
/// </summary>
internal static class Measure
{
    public static async Task<string[]> RunAsync(string name, long events, Func<Task<long>> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseSet = process.WorkingSet64;
        long peakSet = baseSet, peakHeap = GC.GetGCMemoryInfo().HeapSizeBytes;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                peakSet = Math.Max(peakSet, process.WorkingSet64);
                peakHeap = Math.Max(peakHeap, GC.GetGCMemoryInfo().HeapSizeBytes);
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                try
                {
                    await Task.Delay(20, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
        var sw = Stopwatch.StartNew();
        var bytes = await work();
        sw.Stop();
        await stop.CancelAsync();
        await sampler;
        var allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0;
        return
        [
            name, (events / sw.Elapsed.TotalSeconds).ToString("#,0", CultureInfo.InvariantCulture), sw.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture),
            Mb(bytes), Mb(peakSet), Mb(peakSet - baseSet), Mb(peakHeap), allocatedMb.ToString("#,0", CultureInfo.InvariantCulture),
        ];
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("#,0.0", CultureInfo.InvariantCulture);

    public static void Print(List<string[]> rows, TextWriter w)
    {
        var header = new[] { "case", "events/s", "seconds", "output MiB (or result)", "peak working set MiB", "above start MiB", "peak GC heap MiB", "allocated MiB" };
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        string Line(string[] c) => "| " + string.Join(" | ", c.Select((x, i) => i == 0 ? x.PadRight(widths[i]) : x.PadLeft(widths[i]))) + " |";
        w.WriteLine(Line(header));
        w.WriteLine("|" + string.Join("|", widths.Select((x, i) => i == 0 ? new string('-', x + 2) : new string('-', x + 1) + ":")) + "|");
        foreach (var r in rows) w.WriteLine(Line(r));
    }
}
