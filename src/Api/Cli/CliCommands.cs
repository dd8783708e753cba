using System.CommandLine;

namespace Cabinets.Api.Cli;

/// <summary>
/// The verbs (ADR-0028): `audit export|import|replay-compare`, `projections status|rebuild`.
/// Exit codes: 0 done, 1 failed or refused (the reason on stderr), 2 a usage error.
/// </summary>
internal static class CliCommands
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var io = new CliOutput(stdout, stderr);
        var root = new RootCommand("Cabinets operations CLI (the app starts, runs the verb, stops)")
        {
            AuditCommands.Build(services, io),
            ProjectionCommands.Build(services, io),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) await stderr.WriteLineAsync(error.Message);
            await stderr.WriteLineAsync("see --help");
            return 2;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, ct);
    }

    /// <summary>Runs a verb's body: a refusal or failure is one line on stderr and exit code 1, never a stack trace.</summary>
    internal static async Task<int> GuardAsync(CliOutput io, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is Audit.Export.AuditFileException or ArgumentException or InvalidOperationException or IOException
                                      or UnauthorizedAccessException or Npgsql.NpgsqlException or TimeoutException)
        {
            await io.Err.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }
}
