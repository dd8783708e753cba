using System.Globalization;

namespace Cabinets.EventStore.Bench;

/// <summary>`[events=1000000] [seconds=10] [fsync=on|off]`; the first two may also be given bare, in that order.</summary>
internal sealed record BenchSettings(int Events, double Seconds, bool Durable)
{
    public const int Writers = 8;
    public const int BatchEvents = 100;

    public TimeSpan Measured => TimeSpan.FromSeconds(Seconds);

    /// <summary>Warm-up before each append case: a fifth of the measured time, 0.5 to 3 s.</summary>
    public TimeSpan WarmUp => TimeSpan.FromSeconds(Math.Clamp(Seconds / 5, 0.5, 3));

    public static BenchSettings Parse(string[] args)
    {
        var events = 1_000_000;
        var seconds = 10.0;
        var durable = true;
        var position = 0;
        foreach (var arg in args)
        {
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? (position++ == 0 ? "events" : "seconds") : arg[..eq].Trim().ToLowerInvariant();
            var value = eq < 0 ? arg : arg[(eq + 1)..].Trim();
            switch (key)
            {
                case "events" or "n":
                    events = (int)double.Parse(value.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
                    break;
                case "seconds" or "s":
                    seconds = double.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "fsync":
                    durable = value is not ("off" or "false" or "0");
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{arg}'; usage: [events=1000000] [seconds=10] [fsync=on|off]");
            }
        }
        if (events < 1_000) throw new ArgumentException("events must be at least 1000");
        if (seconds <= 0) throw new ArgumentException("seconds must be positive");
        return new BenchSettings(events, seconds, durable);
    }
}
