using System.CommandLine;
using System.Globalization;
using Cabinets.Api.Commands;
using Cabinets.Api.Operations;
using Cabinets.Domain.Operations;
using Spectre.Console;

namespace Cabinets.Api.Cli;

/// <summary>`projections status` (a table on stdout) and `projections rebuild &lt;name&gt;` (the shadow rebuild of ADR-0016, with progress).</summary>
internal static class ProjectionCommands
{
    public static Command Build(IServiceProvider services, CliOutput io) => new("projections", "Async projections: where they stand, rebuilds")
    {
        Status(services, io),
        Rebuild(services, io),
    };

    private static Command Status(IServiceProvider services, CliOutput io)
    {
        var command = new Command("status", "Each async projection: state, position, lag behind the high-water mark, owning node");
        command.SetAction((_, ct) => CliCommands.GuardAsync(io, async () =>
        {
            var table = new Table().AddColumns("name", "state", "position", "lag", "owner", "rebuild");
            foreach (var p in await services.GetRequiredService<ProjectionStatuses>().AllAsync(ct))
                table.AddRow(Markup.Escape(p.Name), p.State.ToString(), Number(p.Position), Number(p.LagEvents), Markup.Escape(p.OwnerNode ?? "-"),
                    p.RebuildTotal is { } total ? $"{Number(p.RebuildDone ?? 0)}/{Number(total)}" : "-");
            io.Results.Write(table);
            return 0;
        }));
        return command;
    }

    private static Command Rebuild(IServiceProvider services, CliOutput io)
    {
        var name = new Argument<string>("name") { Description = "the projection, e.g. free_doors" };
        var command = new Command("rebuild", "Rebuild a projection into a shadow schema and swap it in; readers keep reading") { name };
        command.SetAction((parsed, ct) => CliCommands.GuardAsync(io, async () =>
        {
            var projection = parsed.GetRequiredValue(name);
            var statuses = services.GetRequiredService<ProjectionStatuses>();
            if (await statuses.OneAsync(projection, ct) is null)
                throw new ArgumentException($"'{projection}' is not a projection (known: {string.Join(", ", ProjectionStatuses.AsyncProjections)})");
            // Like the GraphQL mutation: the operator's request is an event first (ADR-0016).
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var recorded = await services.GetRequiredService<CommandSender>().SendAsync(
                new RecordOperatorAction(new ProjectionRebuildRequested(projection, now), now),
                new CommandContext(new Actor(Environment.UserName, "operator", "cli")), ct);
            if (recorded is not CommandOutcome.Accepted) throw new InvalidOperationException($"the rebuild request could not be recorded: {recorded}");
            await io.WithProgressAsync($"rebuild {projection}", async task =>
            {
                await services.GetRequiredService<ShadowRebuilds>().RebuildAsync(projection, p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                }, ct);
                return 0;
            });
            await io.Err.WriteLineAsync($"{projection} rebuilt and swapped in");
            return 0;
        }));
        return command;
    }

    private static string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
