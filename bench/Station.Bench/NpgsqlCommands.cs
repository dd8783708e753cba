using System.Diagnostics;

namespace Cabinets.Station.Bench;

/// <summary>
/// Counts the commands (and batches) Npgsql traces while an action runs: the round trips behind
/// one transaction. With STATION_BENCH_TRACE=1 their SQL goes to stderr.
/// </summary>
internal static class NpgsqlCommands
{
    private static readonly bool Trace = Environment.GetEnvironmentVariable("STATION_BENCH_TRACE") == "1";

    public static async Task<int> CountAsync(string label, Func<Task> act)
    {
        var seen = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a =>
            {
                var sql = a.GetTagItem("db.query.text") ?? a.GetTagItem("db.statement") ?? a.DisplayName;
                lock (seen) seen.Add($"{a.DisplayName}: {sql}");
            },
        };
        ActivitySource.AddActivityListener(listener);
        await act();
        lock (seen)
        {
            if (Trace)
                foreach (var s in seen) Console.Error.WriteLine($"  [{label}] {s.ReplaceLineEndings(" ")}");
            return seen.Count;
        }
    }
}
