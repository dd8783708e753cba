using Cabinets.Api.Commands;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Complaints;
using Cabinets.Projections.Vending.Complaints;
using Cabinets.Projections.Vending.Orders;
using Marten;
using Wolverine;

namespace Cabinets.Api.Vending.Handlers;

/// <summary>`POST /api/app/orders/{orderNo}/complaints` (§2.9), by the order's own user.</summary>
public sealed record FileComplaintCommand(string UserId, string OrderNo, ComplaintCategory Category, string Content, IReadOnlyList<string> ImageUrls, DateTimeOffset Now);

/// <summary>An admin's `resolveComplaint`: a reply, or a correction (多退少补) settled in the same commit.</summary>
public sealed record ResolveComplaintCommand(string ComplaintId, ComplaintResolution Resolution, string Reply, CorrectOrderCommand? Correction, DateTimeOffset Now);

/// <summary>What `resolveComplaint` answers: the complaint and, when it corrected the order, the correction.</summary>
public sealed record ComplaintResolvedAnswer(string ComplaintId, string? CorrectionId);

public static class FileComplaintHandler
{
    public static async Task<CommandOutcome> Handle(FileComplaintCommand command, IDocumentSession session, IMessageContext messages, VendingNumbers numbers, CancellationToken ct)
    {
        // One open complaint per order: the filing appends to the order's stream, so of two at once one conflicts and is decided again.
        var streams = new StreamSet(session);
        var order = (await streams.LoadAsync<VendingOrderSnapshot>(VendingEventNames.Order(command.OrderNo), ct))?.State;
        if (order is null || order.UserId != command.UserId)
            return new CommandOutcome.Rejected(new Domain.Deciding.DomainError("not-found", $"no order {command.OrderNo}"));
        var open = await session.Query<ComplaintSnapshot>()
            .AnyAsync(c => c.OrderNo == command.OrderNo && c.Status == nameof(ComplaintStatus.Open), ct);
        var effects = ComplaintDecider.File(new FileComplaint(await numbers.ComplaintAsync(ct), order, command.UserId, command.Category, command.Content,
            command.ImageUrls, open, command.Now));
        return await streams.CommitAsync(effects, messages);
    }
}

/// <summary>
/// The complaint, and with a correction its order, 补扣 orders and user, all loaded for writing:
/// the resolution and the money it moves commit together or not at all.
/// </summary>
public static class ResolveComplaintHandler
{
    public static async Task<CommandOutcome> Handle(ResolveComplaintCommand command, IDocumentSession session, IMessageContext messages, VendingNumbers numbers, CancellationToken ct)
    {
        var streams = new StreamSet(session);
        var complaintStream = VendingEventNames.Complaint(command.ComplaintId);
        var complaint = (await streams.LoadAsync<ComplaintSnapshot>(complaintStream, ct))?.State;
        if (complaint is null) return new CommandOutcome.Rejected(new Domain.Deciding.DomainError("NOT_FOUND", $"no complaint {command.ComplaintId}", "complaintId"));
        if (ComplaintDecider.CanResolve(complaint, command.Resolution, command.Reply, command.Correction is not null, command.Correction?.OrderNo) is { } refused)
            return new CommandOutcome.Rejected(refused);

        VendingEffects effects;
        string? correctionId = null;
        if (command.Correction is { } correction)
        {
            var decided = await CorrectOrderHandler.LoadAsync(streams, numbers, correction with { ComplaintId = command.ComplaintId }, ct);
            if (decided is null) return new CommandOutcome.Rejected(new Domain.Deciding.DomainError("NOT_FOUND", $"no order {correction.OrderNo}", "correction.orderNo"));
            effects = Domain.Vending.Orders.Corrections.Correct(decided);
            if (effects.Error is { } error)
                return new CommandOutcome.Rejected(error with { Field = error.Field is null ? "correction" : "correction." + error.Field });
            correctionId = decided.Numbers.CorrectionId;
        }
        else effects = new VendingEffects();
        effects.Append(complaintStream, ComplaintDecider.Resolved(complaint, command.Resolution, command.Reply, correctionId, command.Now));
        effects.AnswerWith(new ComplaintResolvedAnswer(complaint.ComplaintId, correctionId));
        return await streams.CommitAsync(effects, messages);
    }
}
