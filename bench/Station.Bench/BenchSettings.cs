using System.Globalization;

namespace Cabinets.Station.Bench;

/// <summary>What a run does and how big it is: <see cref="Usage"/>.</summary>
internal sealed record BenchSettings(int Lines, double Seconds, int Clients, int OrderLines, bool Durable, bool Idempotency, bool RunList, bool RunCreate)
{
    public const string Usage =
        "[lines=1000000] [seconds=10] [clients=16] [order-lines=50] [fsync=on|off] [idempotency=on|off] [only=list|create]";

    public TimeSpan Measured => TimeSpan.FromSeconds(Seconds);

    /// <summary>Warm-up before each case: a fifth of the measured time, 0.5 to 3 s.</summary>
    public TimeSpan WarmUp => TimeSpan.FromSeconds(Math.Clamp(Seconds / 5, 0.5, 3));

    public static BenchSettings Parse(string[] args)
    {
        var s = new BenchSettings(1_000_000, 10, 16, 50, Durable: true, Idempotency: true, RunList: true, RunCreate: true);
        var position = 0;
        foreach (var arg in args)
        {
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? (position++ == 0 ? "lines" : "seconds") : arg[..eq].Trim().ToLowerInvariant();
            var value = eq < 0 ? arg : arg[(eq + 1)..].Trim();
            s = key switch
            {
                "lines" or "n" => s with { Lines = (int)Number(value) },
                "seconds" or "s" => s with { Seconds = Number(value) },
                "clients" or "c" => s with { Clients = (int)Number(value) },
                "order-lines" or "order_lines" => s with { OrderLines = (int)Number(value) },
                "fsync" => s with { Durable = On(value) },
                "idempotency" => s with { Idempotency = On(value) },
                "only" => value switch
                {
                    "list" => s with { RunList = true, RunCreate = false },
                    "create" => s with { RunList = false, RunCreate = true },
                    _ => throw new ArgumentException($"only must be list or create; usage: {Usage}"),
                },
                _ => throw new ArgumentException($"unknown argument '{arg}'; usage: {Usage}"),
            };
        }
        if (s.Lines < 10_000) throw new ArgumentException("lines must be at least 10000 (one day of 10 stations)");
        if (s.Seconds <= 0) throw new ArgumentException("seconds must be positive");
        if (s.Clients < 1) throw new ArgumentException("clients must be at least 1");
        if (s.OrderLines is < 1 or > 1_000) throw new ArgumentException("order-lines must be 1 to 1000");
        return s;
    }

    private static double Number(string value) => double.Parse(value.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    private static bool On(string value) => value is not ("off" or "false" or "0");
}
