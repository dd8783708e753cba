using Cabinets.Api.GraphQL;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.GraphQL.Execution;
using Cabinets.Api.Commands;
using Cabinets.Projections.Lockers.FreeDoors;
using Npgsql;

namespace Cabinets.Api.Lockers.GraphQL;

/// <summary>Admin commands of the locker module, sent to their handlers with the admin as actor.</summary>
internal static class LockersMutations
{
    public static async Task<CabinetView> ProvisionCabinetAsync(ResolveContext ctx)
    {
        var request = GraphQLRequestContext.Of(ctx);
        var input = ctx.Argument<IReadOnlyDictionary<string, object?>>("input");
        var site = (IReadOnlyDictionary<string, object?>)input["site"]!;
        var command = new ProvisionCabinet((string)input["serialNumber"]!, new Site(
            (string)site["province"]!, (string)site["city"]!, (string)site["area"]!, (string)site["street"]!, (string)site["place"]!,
            (string)site["communityName"]!, site.TryGetValue("addressNote", out var note) ? (string?)note : null),
            request.Service<TimeProvider>().GetUtcNow());

        var result = await request.Service<CommandSender>().SendAsync(command, new CommandContext(request.Actor, CorrelationId: request.CorrelationId), ctx.CancellationToken);
        GraphQLCommandErrors.ThrowIfFailed(result);

        // The read model is built asynchronously: answer with what was just decided over what it knows.
        var known = await FreeDoorQueries.CabinetAsync(request.Service<NpgsqlDataSource>(), command.SerialNumber, ctx.CancellationToken);
        return (known ?? new CabinetView(command.SerialNumber, null, null, true, false)) with { Site = command.Site, Provisioned = true };
    }
}
