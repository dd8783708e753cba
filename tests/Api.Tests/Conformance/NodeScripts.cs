using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Cabinets.Api.Tests.Conformance;

/// <summary>
/// Runs the Node scripts of tests/GraphQL.Conformance (ADR-0009). `npm ci` runs once per lock
/// file: a stamp holding the lock file's hash skips it while node_modules matches.
/// </summary>
public static class NodeScripts
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static bool _installed;

    public sealed record Result(int ExitCode, string Output);

    public static string Directory { get; } = Path.Combine(RepositoryRoot(), "tests", "GraphQL.Conformance");

    public static async Task<Result> RunAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        await EnsureInstalledAsync();
        return await ExecAsync("node", [script], environment, TimeSpan.FromMinutes(3));
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            if (_installed) return;
            var stamp = Path.Combine(Directory, "node_modules", ".ci-stamp");
            var hash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(Directory, "package-lock.json"))));
            if (!File.Exists(stamp) || await File.ReadAllTextAsync(stamp) != hash)
            {
                // Quiet, and offline when the npm cache already has the packages.
                var npm = await ExecAsync("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"],
                    new Dictionary<string, string>(), TimeSpan.FromMinutes(5));
                npm.ExitCode.ShouldBe(0, $"npm ci in {Directory} failed:\n{npm.Output}");
                await File.WriteAllTextAsync(stamp, hash);
            }
            _installed = true;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static async Task<Result> ExecAsync(string program, string[] args, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        // npm is a .cmd script on Windows, which only the shell can start.
        var start = OperatingSystem.IsWindows() && program == "npm"
            ? new ProcessStartInfo("cmd.exe") { ArgumentList = { "/c", "npm" } }
            : new ProcessStartInfo(program);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.WorkingDirectory = Directory;
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment) start.Environment[key] = value;

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'{program}' was not found on PATH. The GraphQL conformance tests need Node.js 20+ with npm (ADR-0009).", e);
        }

        using (process)
        {
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} {string.Join(' ', args)} ran longer than {timeout}:\n{output}");
            }
            process.WaitForExit(); // drains the redirected streams
            lock (output) return new Result(process.ExitCode, output.ToString());
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EventStore.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"EventStore.sln not found above {AppContext.BaseDirectory}");
    }
}
