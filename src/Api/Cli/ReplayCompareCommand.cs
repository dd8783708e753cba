using System.CommandLine;

namespace Cabinets.Api.Cli;

/// <summary>`audit replay-compare &lt;projection&gt;`: wired to Cabinets.Api.Audit.ReplayCompare once it lands on main.</summary>
internal static class ReplayCompareCommand
{
    public static Command Build(IServiceProvider services, CliOutput io)
    {
        _ = services;
        var projection = new Argument<string>("projection") { Description = "the projection to replay into a scratch copy and compare, e.g. free_doors" };
        var command = new Command("replay-compare", "Replay a projection from the events and compare it row by row with the live read model") { projection };
        command.SetAction(async (_, _) =>
        {
            await io.Err.WriteLineAsync("error: replay-compare is not in this build yet");
            return 1;
        });
        return command;
    }
}
