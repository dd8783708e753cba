using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Cabinets.Lockers.Bench;

/// <summary>
/// Every Npgsql command this process runs while an action runs (the in-process Api's and its
/// daemon's included), grouped by statement: how many, and their summed and mean wall time as
/// Npgsql saw it (round trip, so under load it includes waiting for PostgreSQL and for a core).
/// Kept out of the timed runs: tracing every command costs time itself.
/// </summary>
internal static class StatementProfile
{
    public static async Task<string> RunAsync(Func<Task<long>> act, int top)
    {
        var seen = new Dictionary<string, (long Count, double Ms)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a =>
            {
                var sql = (a.GetTagItem("db.query.text") ?? a.GetTagItem("db.statement") ?? a.DisplayName)?.ToString() ?? "?";
                var key = Shorten(sql);
                lock (seen)
                {
                    var (count, ms) = seen.GetValueOrDefault(key);
                    seen[key] = (count + 1, ms + a.Duration.TotalMilliseconds);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var clock = Stopwatch.StartNew();
        var operations = await act();
        var elapsed = clock.Elapsed;
        lock (seen)
        {
            var total = seen.Values.Sum(v => v.Ms);
            var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
                $"{operations:N0} operations in {elapsed.TotalSeconds:0.0} s; {seen.Values.Sum(v => v.Count):N0} Npgsql commands, {total:N0} ms summed; top {top} by summed time:\n"));
            foreach (var (sql, (count, ms)) in seen.OrderByDescending(kv => kv.Value.Ms).Take(top))
                text.Append(string.Create(CultureInfo.InvariantCulture,
                    $"  {100 * ms / total,5:0.0}%  {count,7:N0} x  {ms / count,7:0.00} ms  {(double)count / Math.Max(1, operations),5:0.00}/op  {sql}\n"));
            return text.ToString().TrimEnd();
        }
    }

    private static string Shorten(string sql)
    {
        var one = string.Join(' ', sql.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return one.Length <= 140 ? one : one[..140] + "…";
    }
}
