using System.Globalization;

namespace Cabinets.Vending.Push;

/// <summary>What a run does and how big it is: <see cref="Usage"/>. Each push uses up one opened session, so sizes are counts, not seconds.</summary>
internal sealed record PushSettings(int Orders, int Connections, int WarmUp, int Single, int Profile, int Devices, int SetupParallelism, bool Durable)
{
    public const string Usage = "[--orders 20000] [--connections 64] [--warm-up N] [--single 200] [--profile N] [--devices 64] [--setup-parallelism 8] [--fsync on|off]";

    /// <summary>One at a time before any clock runs: the first pushes compile Marten's and Wolverine's code paths.</summary>
    public const int Primed = 20;

    /// <summary>Pushes whose answers are checked in the database afterwards, each on its own session: primed, the one traced for its commands, then the cases.</summary>
    public int Sessions => Primed + 1 + Single + WarmUp + Orders + Profile;

    public static PushSettings Parse(string[] args)
    {
        int? warmUp = null, profile = null;
        var s = new PushSettings(20_000, 64, 0, 200, 0, 64, 8, Durable: true);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value; usage: {Usage}");
            s = name switch
            {
                "--orders" => s with { Orders = Number(value) },
                "--connections" => s with { Connections = Number(value) },
                "--single" => s with { Single = Number(value) },
                "--devices" => s with { Devices = Number(value) },
                "--setup-parallelism" => s with { SetupParallelism = Number(value) },
                "--fsync" => s with { Durable = value is not ("off" or "false" or "0") },
                "--warm-up" => Remember(ref warmUp, value, s),
                "--profile" => Remember(ref profile, value, s),
                _ => throw new ArgumentException($"unknown argument '{name}'; usage: {Usage}"),
            };
        }
        // A warm-up of a tenth of the measured pushes (at least four rounds of the connections); a traced run of a fifth.
        s = s with { WarmUp = warmUp ?? Math.Max(4 * s.Connections, s.Orders / 10), Profile = profile ?? Math.Max(s.Connections, s.Orders / 5) };
        if (s.Orders < 1) throw new ArgumentException("--orders must be at least 1");
        if (s.Connections < 1) throw new ArgumentException("--connections must be at least 1");
        if (s.WarmUp < 0 || s.Single < 0 || s.Profile < 0) throw new ArgumentException("--warm-up, --single and --profile must not be negative");
        if (s.Devices < 1) throw new ArgumentException("--devices must be at least 1");
        if (s.SetupParallelism < 1) throw new ArgumentException("--setup-parallelism must be at least 1");
        return s;
    }

    private static PushSettings Remember(ref int? slot, string value, PushSettings s)
    {
        slot = Number(value);
        return s;
    }

    private static int Number(string value) => int.Parse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
}
