using System.Diagnostics;
using System.Globalization;

namespace Cabinets.Lockers.Bench;

/// <summary>
/// Cores kept busy while a case ran (warm-up included), from /proc: this process (the bench and
/// the in-process Api), the bench's PostgreSQL (its postmaster and the postmaster's children), and
/// the rest of the machine (other people's builds and tests: noise in the latencies).
/// </summary>
internal sealed class CpuMeter
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly string _dataDir;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan _app;
    private readonly Dictionary<int, double> _pg;
    private readonly double _machine;

    private CpuMeter(string dataDir)
    {
        _dataDir = dataDir;
        _app = Process.GetCurrentProcess().TotalProcessorTime;
        _pg = PostgresTicks();
        _machine = MachineBusySeconds();
    }

    public static CpuMeter Start(string serverLogFile) => new(Path.GetDirectoryName(serverLogFile)!);

    /// <summary>e.g. "cpu: app 1.10, PostgreSQL 0.70, others 0.05 of 2 cores".</summary>
    public string Stop()
    {
        var seconds = _clock.Elapsed.TotalSeconds;
        var app = (Process.GetCurrentProcess().TotalProcessorTime - _app).TotalSeconds / seconds;
        // Per process, so a backend that ended meanwhile (a pool closed) takes its time with it instead of going negative.
        var pg = PostgresTicks().Sum(p => p.Value - _pg.GetValueOrDefault(p.Key)) / TicksPerSecond / seconds;
        var machine = (MachineBusySeconds() - _machine) / seconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"cpu: app {app:0.00}, PostgreSQL {pg:0.00}, others {Math.Max(0, machine - app - pg):0.00} of {Environment.ProcessorCount} cores");
    }

    /// <summary>utime + stime of the bench's postmaster and of each of its children, by pid.</summary>
    private Dictionary<int, double> PostgresTicks()
    {
        var ticks = new Dictionary<int, double>();
        try
        {
            var postmaster = int.Parse(File.ReadLines(Path.Combine(_dataDir, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
                if (Stat(pid) is { } s && (pid == postmaster || s.Parent == postmaster)) ticks[pid] = s.Ticks;
            }
        }
        catch (IOException)
        {
            // no postmaster.pid: nothing to count
        }
        return ticks;
    }

    /// <summary>Parent pid and utime + stime of /proc/pid/stat (fields 4, 14, 15; the name in parentheses may hold spaces).</summary>
    private static (int Parent, double Ticks)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (int.Parse(fields[1], CultureInfo.InvariantCulture),
                double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null; // gone meanwhile
        }
    }

    /// <summary>All cores' busy time (everything but idle and iowait) from the first line of /proc/stat.</summary>
    private static double MachineBusySeconds()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        return (cpu.Take(8).Sum() - cpu[3] - cpu[4]) / TicksPerSecond;
    }
}
