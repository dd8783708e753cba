using System.Globalization;

namespace Cabinets.Lockers.Bench;

/// <summary>What a run does and how big it is: <see cref="Usage"/>.</summary>
internal sealed record BenchSettings(int Banks, double Seconds, int Clients, int BookBanks, bool Durable, bool RunCount, bool RunBook)
{
    public const int DoorsPerBank = 60;

    public const string Usage = "[banks=100000] [seconds=10] [clients=64] [book-banks=2000] [fsync=on|off] [only=count|book]";

    public TimeSpan Measured => TimeSpan.FromSeconds(Seconds);

    /// <summary>Warm-up before each case: a fifth of the measured time, 0.5 to 3 s.</summary>
    public TimeSpan WarmUp => TimeSpan.FromSeconds(Math.Clamp(Seconds / 5, 0.5, 3));

    public static BenchSettings Parse(string[] args)
    {
        var s = new BenchSettings(100_000, 10, 64, 2_000, Durable: true, RunCount: true, RunBook: true);
        var position = 0;
        foreach (var arg in args)
        {
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? (position++ == 0 ? "banks" : "seconds") : arg[..eq].Trim().ToLowerInvariant();
            var value = eq < 0 ? arg : arg[(eq + 1)..].Trim();
            s = key switch
            {
                "banks" or "n" => s with { Banks = (int)Number(value) },
                "seconds" or "s" => s with { Seconds = Number(value) },
                "clients" or "c" => s with { Clients = (int)Number(value) },
                "book-banks" or "book_banks" => s with { BookBanks = (int)Number(value) },
                "fsync" => s with { Durable = value is not ("off" or "false" or "0") },
                "only" => value switch
                {
                    "count" => s with { RunCount = true, RunBook = false },
                    "book" => s with { RunCount = false, RunBook = true },
                    _ => throw new ArgumentException($"only must be count or book; usage: {Usage}"),
                },
                _ => throw new ArgumentException($"unknown argument '{arg}'; usage: {Usage}"),
            };
        }
        if (s.Banks < 300) throw new ArgumentException("banks must be at least 300 (one per city)");
        if (s.Seconds <= 0) throw new ArgumentException("seconds must be positive");
        if (s.Clients < 1) throw new ArgumentException("clients must be at least 1");
        if (s.BookBanks < 1) throw new ArgumentException("book-banks must be at least 1");
        return s;
    }

    private static double Number(string value) => double.Parse(value.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
}
