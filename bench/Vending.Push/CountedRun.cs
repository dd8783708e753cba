using System.Diagnostics;
using Cabinets.Station.Bench;

namespace Cabinets.Vending.Push;

/// <summary>
/// Runs a fixed number of operations from <c>workers</c> concurrent callers, each taking the next
/// index as it finishes the last (a push uses up its session, so a push run is counted, not timed;
/// Station.Bench's TimedRun is the timed one). The rate is the operations over the wall time of the
/// whole run; the last round runs below full concurrency, which is small against thousands.
/// </summary>
internal static class CountedRun
{
    /// <summary>Operation number <c>index</c>: 1 if it did what it should, 0 if not (counted as a failure, its latency left out).</summary>
    public delegate Task<int> Step(int index, CancellationToken ct);

    public static async Task<Measurement> RunAsync(int workers, int first, int count, Step step, CancellationToken ct)
    {
        var next = first - 1;
        var end = first + count;
        var done = new long[workers];
        var failed = new long[workers];
        var latencies = new List<double>[workers];
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(capacity: count / workers + 16);
            while (!ct.IsCancellationRequested)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= end) break;
                var started = clock.Elapsed.Ticks;
                if (await step(index, ct) == 0)
                {
                    failed[w]++;
                    continue;
                }
                done[w]++;
                mine.Add(TimeSpan.FromTicks(clock.Elapsed.Ticks - started).TotalMilliseconds);
            }
        }, ct)).ToArray();
        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed;
        ct.ThrowIfCancellationRequested();
        return new Measurement(done.Sum(), elapsed, latencies.SelectMany(l => l).ToList(), failed.Sum());
    }
}
