using System.Globalization;

namespace Cabinets.EventStore.Bench;

/// <param name="Target">What counts as good enough, in words ("ratio ≥ 60 %", "≥ 50,000 ev/s").</param>
internal sealed record BenchResult(string Name, string Unit, double Ours, double Baseline, string Target, bool Met)
{
    public double Ratio => Ours / Baseline;
}

internal static class ResultTable
{
    public static void Print(IReadOnlyList<BenchResult> results)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"| {"benchmark",-46} | {"ours",-15} | {"baseline",-15} | {"ratio",6} | {"target",-16} | met |");
        Console.WriteLine($"|{new string('-', 48)}|{new string('-', 17)}|{new string('-', 17)}|{new string('-', 8)}|{new string('-', 18)}|-----|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(c,
                $"| {r.Name,-46} | {r.Ours,9:N0} {r.Unit,-5} | {r.Baseline,9:N0} {r.Unit,-5} | {r.Ratio,6:P0} | {r.Target,-16} | {(r.Met ? "yes" : "NO"),-3} |"));
        }
        Console.WriteLine();
    }
}
