using Cabinets.Api.GraphQL;
using Cabinets.Api.GraphQL.Connections;
using Cabinets.Api.Vending.Handlers;
using Cabinets.Domain.Access;
using Cabinets.Domain.Vending;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;
using Cabinets.Projections.Vending.Complaints;

namespace Cabinets.Api.Vending.GraphQL;

/// <summary>
/// Complaints in the admin schema (VENDING.md §2.9, §4.6): `complaints` (oldest first), `complaint`,
/// and `resolveComplaint` — a reply (`REPLIED`), or a correction of the complaint's order
/// (`CORRECTED`, which also needs `vending.orders.correct`) settled in the same commit.
/// </summary>
internal static class ComplaintSchema
{
    public static SchemaBuilder Add(SchemaBuilder schema) => schema
        .Enum<ComplaintCategory>("ComplaintCategory")
        .Enum<ComplaintStatus>("ComplaintStatus")
        .Enum<ComplaintResolution>("ComplaintResolution")
        .AddConnection(VendingLists.Complaints)
        .InputObject("ResolveComplaintInput", i => i
            .Field("complaintId", "ID!")
            .Field("resolution", "ComplaintResolution!")
            .Field("reply", "String!", v => v.Description("What the user reads in the mini-program."))
            .Field("correction", "CorrectOrderInput", v => v.Description("Required with CORRECTED, for the complaint's order; refused with REPLIED.")))
        .Query(q => q
            .Field("complaints", VendingLists.Complaints.ConnectionType() + "!", f => f
                .Description("Oldest first unless `order` says otherwise.")
                .RequirePermissions(Permissions.VendingRead)
                .UseVendingConnection(VendingLists.Complaints))
            .Field("complaint", "Complaint", f => f
                .Argument("complaintId", "ID!")
                .RequirePermissions(Permissions.VendingRead)
                .ResolveAsync(async ctx => (object?)await VendingLoaders.ComplaintAsync(ctx.Untyped, ctx.Argument<string>("complaintId")))))
        .Object<ComplaintSnapshot>("Complaint", t => t
            .Field("complaintId", "ID!", c => c.State!.ComplaintId)
            .Field("order", "VendingOrder!", f => f.ResolveAsync(async ctx => (object?)await VendingLoaders.OrderAsync(ctx.Untyped, ctx.Source.State!.OrderNo)))
            .Field("user", "VendingUser!", f => f.ResolveAsync(async ctx => (object?)await VendingLoaders.UserAsync(ctx.Untyped, ctx.Source.State!.UserId)))
            .Field("category", "ComplaintCategory!", c => c.State!.Category)
            .Field("content", "String!", c => c.State!.Content)
            .Field("imageUrls", "[String!]!", c => c.State!.ImageUrls)
            .Field("status", "ComplaintStatus!", c => c.State!.Status)
            .Field("resolution", "ComplaintResolution", c => c.State!.Resolution)
            .Field("reply", "String", c => c.State!.Reply)
            .Field("correction", "OrderCorrection", f => f.ResolveAsync(async ctx =>
                (object?)(ctx.Source.State!.CorrectionId is { } id ? await OrderMutations.CorrectionAsync(ctx.Untyped, ctx.Source.State.OrderNo, id) : null)))
            .Field("filedAt", "DateTime!", c => c.State!.FiledAt)
            .Field("resolvedAt", "DateTime", c => c.State!.ResolvedAt)
            .Field("resolvedBy", "String", c => c.ResolvedBy))
        .Mutation(m => m
            .Field("resolveComplaint", "Complaint!", f => f
                .Argument("input", "ResolveComplaintInput!")
                .RequirePermissions(Permissions.VendingComplaintsResolve)
                .ResolveAsync(async ctx =>
                {
                    var input = InputFields.Obj(ctx.Arguments["input"]);
                    var now = VendingRequests.Now(ctx.Untyped);
                    CorrectOrderCommand? correction = null;
                    if (input.GetValueOrDefault("correction") is { } given)
                    {
                        if (!GraphQLRequestContext.Of(ctx.Untyped).Has(Permissions.VendingOrdersCorrect))
                            throw VendingErrors.Forbidden(Permissions.VendingOrdersCorrect, "a complaint's correction");
                        correction = OrderMutations.Correction(InputFields.Obj(given), now);
                    }
                    var id = input.Str("complaintId");
                    await VendingRequests.SendAsync(ctx.Untyped, new ResolveComplaintCommand(id, (ComplaintResolution)input["resolution"]!, input.Str("reply"),
                        correction, now));
                    return (object?)await VendingLoaders.ComplaintAsync(ctx.Untyped, id);
                })));
}
