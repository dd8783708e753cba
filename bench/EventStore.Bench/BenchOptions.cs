using System.Globalization;

namespace Cabinets.EventStore.Bench;

/// <summary>Command line: every count is tunable so a short run and the full one use the same code.</summary>
internal sealed record BenchOptions(
    string? Connection,
    int Events,
    int BatchSize,
    int SingleAppends,
    int Writers,
    int BatchedAppends,
    bool SkipAppends,
    bool SkipCatchUp,
    bool SkipRebuild)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        return new BenchOptions(
            Connection: Value("--connection"),
            Events: Int("--events", 1_000_000),
            BatchSize: Int("--batch", 5_000),
            SingleAppends: Int("--appends", 4_000),
            Writers: Int("--writers", 8),
            BatchedAppends: Int("--batches", 400),
            SkipAppends: args.Contains("--no-appends"),
            SkipCatchUp: args.Contains("--no-catchup"),
            SkipRebuild: args.Contains("--no-rebuild"));
    }

    public const string Usage = """
        usage: dotnet run -c Release --project bench/EventStore.Bench -- [options]
          --connection <cs>  an existing PostgreSQL (a database is created and dropped); default: embedded, durable
          --events <n>       events for the daemon catch-up (default 1000000)
          --batch <n>        daemon batch size (default 5000)
          --appends <n>      single-event appends, sequential and over --writers (default 4000)
          --writers <n>      concurrent writers (default 8)
          --batches <n>      appends of 100 events (default 400)
          --no-appends | --no-catchup | --no-rebuild
        """;
}
