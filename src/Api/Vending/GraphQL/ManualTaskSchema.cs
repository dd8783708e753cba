using Cabinets.Api.GraphQL;
using Cabinets.Api.GraphQL.Connections;
using Cabinets.Api.Vending.Handlers;
using Cabinets.Domain.Access;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Catalog;
using Cabinets.Domain.Vending.ManualTasks;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;
using Cabinets.Projections.Vending.ManualTasks;

namespace Cabinets.Api.Vending.GraphQL;

/// <summary>
/// The manual-handling queue in the admin schema (VENDING.md §2.8, §4.6): `manualTasks` (oldest
/// first), `retryManualTask` (one immediate attempt with the same body and key; a failure keeps
/// the task open with the new error), `resolveManualTask`, and `pushSalesSummary`, which sends one
/// store's day to the ERP now and answers the task it left open, or null when the ERP took it.
/// </summary>
internal static class ManualTaskSchema
{
    public static SchemaBuilder Add(SchemaBuilder schema) => schema
        .Enum<ManualTaskKind>("ManualTaskKind")
        .Enum<ManualTaskStatus>("ManualTaskStatus")
        .Enum<ManualTaskOutcome>("ManualTaskOutcome")
        .AddConnection(VendingLists.ManualTasks)
        .InputObject("ResolveManualTaskInput", i => i
            .Field("id", "ID!")
            .Field("outcome", "ManualTaskOutcome!", v => v.Description("HANDLED_OUTSIDE or DISMISSED (SENT is what a successful retry records)."))
            .Field("note", "String!"))
        .Query(q => q
            .Field("manualTasks", VendingLists.ManualTasks.ConnectionType() + "!", f => f
                .Description("Outgoing calls that ran out of retries and anomalies to look at; oldest first unless `order` says otherwise.")
                .RequirePermissions(Permissions.VendingRead)
                .UseVendingConnection(VendingLists.ManualTasks)))
        .Object<ManualTaskSnapshot>("ManualTask", t => t
            .Field("id", "ID!", s => s.State!.TaskId)
            .Field("kind", "ManualTaskKind!", s => s.State!.Kind)
            .Field("status", "ManualTaskStatus!", s => s.State!.Status)
            .Field("subject", "String!", s => s.State!.Subject)
            .Field("orderNo", "String", s => s.State!.OrderNo)
            .Field("deviceCode", "String", s => s.State!.DeviceCode)
            .Field("attempts", "Int!", s => s.State!.Attempts)
            .Field("lastError", "String!", s => s.State!.LastError)
            .Field("retryable", "Boolean!", s => s.State!.Retryable)
            .Field("openedAt", "DateTime!", s => s.State!.OpenedAt)
            .Field("lastAttemptAt", "DateTime!", s => s.State!.LastAttemptAt)
            .Field("resolvedAt", "DateTime", s => s.State!.ResolvedAt)
            .Field("resolvedBy", "String", s => s.ResolvedBy)
            .Field("outcome", "ManualTaskOutcome", s => s.State!.Outcome)
            .Field("note", "String", s => s.State!.Note))
        .Mutation(m => m
            .Field("retryManualTask", "ManualTask!", f => f
                .Description("Sends the task's call once more now; a vendor open-door command is never resent (COMMAND_EXPIRED).")
                .Argument("id", "ID!")
                .RequirePermissions(Permissions.VendingManualHandle)
                .ResolveAsync(async ctx =>
                {
                    var id = ctx.Argument<string>("id");
                    await VendingRequests.SendAsync(ctx.Untyped, new RetryManualTask(id, VendingRequests.Now(ctx.Untyped)), fieldPrefix: "");
                    return (object?)await VendingLoaders.TaskAsync(ctx.Untyped, id);
                }))
            .Field("resolveManualTask", "ManualTask!", f => f
                .Argument("input", "ResolveManualTaskInput!")
                .RequirePermissions(Permissions.VendingManualHandle)
                .ResolveAsync(async ctx =>
                {
                    var input = InputFields.Obj(ctx.Arguments["input"]);
                    var id = input.Str("id");
                    await VendingRequests.SendAsync(ctx.Untyped, new ResolveManualTask(id, (ManualTaskOutcome)input["outcome"]!, input.Str("note"),
                        VendingRequests.Now(ctx.Untyped)));
                    return (object?)await VendingLoaders.TaskAsync(ctx.Untyped, id);
                }))
            .Field("pushSalesSummary", "ManualTask", f => f
                .Description("(Re)sends one store's sales summary of an ended business day to the ERP now; null when the ERP accepted it at once.")
                .Argument("storeCode", "String!").Argument("date", "Date!")
                .RequirePermissions(Permissions.VendingManualHandle)
                .ResolveAsync(async ctx =>
                {
                    var taskId = await VendingRequests.SendAsync(ctx.Untyped, new PushSalesSummaryNow(ctx.Argument<string>("storeCode"), ctx.Argument<DateOnly>("date"),
                        VendingRequests.Now(ctx.Untyped)), fieldPrefix: "") as string;
                    return taskId is null ? null : (object?)await VendingLoaders.TaskAsync(ctx.Untyped, taskId);
                })));
}
