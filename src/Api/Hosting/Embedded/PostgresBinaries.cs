using System.Diagnostics;

namespace Cabinets.Api.Hosting.Embedded;

/// <summary>Finds the machine's PostgreSQL server binaries (ADR-0005).</summary>
public static class PostgresBinaries
{
    public static string Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("PG_BINDIR");
        if (IsBinDir(fromEnv)) return fromEnv!;

        var fromPgConfig = RunPgConfig();
        if (IsBinDir(fromPgConfig)) return fromPgConfig!;

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(d => (dir: Path.Combine(d, "bin"), version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(x => IsBinDir(x.dir))
                .OrderByDescending(x => x.version)
                .FirstOrDefault();
            if (newest.dir is not null) return newest.dir;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            if (IsBinDir(dir)) return dir;

        throw new InvalidOperationException(
            "No PostgreSQL server binaries found (looked at PG_BINDIR, `pg_config --bindir`, /usr/lib/postgresql/*/bin and PATH). " +
            "Install PostgreSQL (e.g. `apt-get install postgresql`) or set ConnectionStrings__EventStore to an existing server.");
    }

    private static bool IsBinDir(string? dir) =>
        !string.IsNullOrWhiteSpace(dir) && File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));

    private static string? RunPgConfig()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("pg_config", "--bindir")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            });
            if (p is null) return null;
            var output = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit(5000);
            return p.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // pg_config is not installed
        }
    }
}
