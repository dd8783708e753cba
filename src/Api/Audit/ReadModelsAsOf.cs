using Cabinets.Api.GraphQL;
using Cabinets.Api.Lockers.GraphQL;
using Cabinets.Api.Stations.GraphQL;
using Cabinets.Domain.Access;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;
using Cabinets.Projections.Lockers.Cabinets;
using Cabinets.Projections.Lockers.Parcels;
using Cabinets.Projections.Stations;
using Marten;

namespace Cabinets.Api.Audit;

/// <summary>A bank as it stood at a time: its doors, their status and the parcel behind each, from its own events.</summary>
internal sealed record CabinetAsOf(string SerialNumber, long Version, CabinetState State);

/// <summary>A door of <see cref="CabinetAsOf"/>.</summary>
internal sealed record DoorAsOf(int Number, DoorState State, string? ParcelRecordNumber);

/// <summary>
/// The console's views of a cabinet, a parcel and a station order as of a time (issue 13 §1), folded
/// from their streams with Marten's live aggregation. What the events cannot say (the async
/// free-door counts of a whole site at a past time) is not offered.
/// </summary>
internal static class ReadModelsAsOf
{
    public static SchemaBuilder Add(SchemaBuilder schema) => schema
        .Query(q => q
            .Field("cabinetAsOf", "CabinetAsOf", f => f
                .Argument("serialNumber", "String!").Argument("at", "DateTime!")
                .RequirePermissions(Permissions.AuditRead)
                .ResolveAsync(async ctx =>
                {
                    var serial = ctx.Argument<string>("serialNumber");
                    var (state, version) = await FoldAsync<CabinetSnapshot>(ctx.Untyped, CabinetEventNames.StreamId(serial), ctx.Argument<DateTimeOffset>("at"));
                    return (object?)(state is null ? null : new CabinetAsOf(serial, version, state.State));
                }))
            .Field("parcelAsOf", "Parcel", f => f
                .Argument("recordNumber", "String!").Argument("at", "DateTime!")
                .RequirePermissions(Permissions.AuditRead)
                .ResolveAsync(async ctx =>
                {
                    var (state, _) = await FoldAsync<ParcelSnapshot>(ctx.Untyped, Domain.Lockers.Parcels.ParcelEventNames.StreamId(ctx.Argument<string>("recordNumber")),
                        ctx.Argument<DateTimeOffset>("at"));
                    return (object?)(state is null ? null : ParcelList.ViewOf(state));
                }))
            .Field("stationOrderAsOf", "StationOrder", f => f
                .Argument("orderId", "String!").Argument("at", "DateTime!")
                .RequirePermissions(Permissions.AuditRead)
                .ResolveAsync(async ctx =>
                {
                    var (state, version) = await FoldAsync<StationOrderSnapshot>(ctx.Untyped,
                        Domain.Stations.Orders.StationOrderEventNames.StreamId(ctx.Argument<string>("orderId")), ctx.Argument<DateTimeOffset>("at"));
                    return (object?)(state?.State is null ? null : new StationOrderView(state.State, version));
                })))
        .Object<CabinetAsOf>("CabinetAsOf", t => t
            .Description("A cabinet bank as its events had made it at the asked time.")
            .Field("serialNumber", "String!", c => c.SerialNumber)
            .Field("version", "Long!", c => c.Version)
            .Field("type", "String", c => c.State.Type)
            .Field("provisioned", "Boolean!", c => c.State.Provisioned)
            .Field("site", "Site", c => c.State.Site)
            .Field("doors", "[DoorAsOf!]!", c => c.State.Doors.OrderBy(d => d.Key)
                .Select(d => new DoorAsOf(d.Key, d.Value, c.State.Parcels.GetValueOrDefault(d.Key))).ToList()))
        .Object<DoorAsOf>("DoorAsOf", t => t
            .Field("number", "Int!", d => d.Number)
            .Field("cabinetIndex", "Int!", d => d.State.CabinetIndex)
            .Field("size", "DoorSize!", d => d.State.Attributes.Size)
            .Field("insulated", "Boolean!", d => d.State.Attributes.Insulated)
            .Field("vertical", "Boolean!", d => d.State.Attributes.Vertical)
            .Field("occupied", "Boolean!", d => d.State.Occupied)
            .Field("usable", "Boolean!", d => d.State.Usable)
            .Field("status", "DoorStatus!", d => d.State.Condition switch
            {
                DoorCondition.Faulted => LockersSchema.DoorStatus.Faulted,
                DoorCondition.AwaitingRepairConfirmation => LockersSchema.DoorStatus.AwaitingRepairConfirmation,
                _ => d.State.Occupied ? LockersSchema.DoorStatus.Occupied : LockersSchema.DoorStatus.Free,
            })
            .Field("parcelRecordNumber", "String", d => d.ParcelRecordNumber));

    private static async Task<(T? State, long Version)> FoldAsync<T>(ResolveContext ctx, string streamKey, DateTimeOffset at) where T : class
    {
        await using var session = GraphQLRequestContext.Of(ctx).Service<IDocumentStore>().QuerySession();
        return await AggregatesAsOf.FoldAsync<T>(session, streamKey, 0, at, ctx.CancellationToken);
    }
}
