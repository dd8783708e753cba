using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Orders;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Cabinets.Projections.Vending.Orders;

/// <summary>
/// An order as the push, the charges, the app and the console read it, inline with its stream.
/// The flat fields are what lists filter and sort on (indexed in the module's Marten set-up); enums
/// are kept flat as their CLR names, so a filter compares text, not the serializer's enum numbers.
/// </summary>
public sealed class VendingOrderSnapshot
{
    public string Id { get; set; } = "";

    public string OrderNo { get; set; } = "";

    public string? UserId { get; set; }

    public string PaymentStatus { get; set; } = "";

    public DateTimeOffset OrderTime { get; set; }

    public string StoreCode { get; set; } = "";

    public string DeviceCode { get; set; } = "";

    public string? WheatOrderNo { get; set; }

    public string? RelatedOrderNo { get; set; }

    public string OrderType { get; set; } = "";

    public string PaymentType { get; set; } = "";

    public string? FailureReason { get; set; }

    public string? ExceptionKind { get; set; }

    public string? ReviewStatus { get; set; }

    public long TotalAmount { get; set; }

    public DateTimeOffset? PaidAt { get; set; }

    public VendingOrderState? State { get; set; }
}

public sealed partial class VendingOrderSnapshotProjection : SingleStreamProjection<VendingOrderSnapshot, string>
{
    public VendingOrderSnapshotProjection()
    {
        foreach (var type in new[]
                 {
                     typeof(VendingOrderRecorded), typeof(ExceptionOrderRaised), typeof(ExceptionOrderApproved), typeof(ExceptionOrderVoided),
                     typeof(SupplementaryOrderSuperseded), typeof(PaymentNotRequired), typeof(ChargeStarted), typeof(PaymentSucceeded), typeof(PaymentFailed),
                     typeof(PayAgainRequested), typeof(OrderCorrected), typeof(RefundRequested), typeof(RefundSucceeded), typeof(RefundFailed),
                     typeof(PayScoreOrderCreated), typeof(PayScoreOrderRejected), typeof(PayScoreOrderCompleted), typeof(PayScoreOrderModified), typeof(PayScoreOrderCancelled),
                 })
            IncludeType(type);
    }

    public override VendingOrderSnapshot? Evolve(VendingOrderSnapshot? snapshot, string id, IEvent e)
    {
        if (!id.StartsWith("vending-order-", StringComparison.Ordinal)) return snapshot;
        snapshot ??= new VendingOrderSnapshot { Id = id };
        var state = VendingOrderState.Evolve(snapshot.State, e.Data);
        if (e.Data is OrderCorrected && state is not null)
            state = state with { Corrections = [.. state.Corrections.Take(state.Corrections.Count - 1), state.Corrections[^1] with { Actor = e.UserName }] };
        snapshot.State = state;
        if (state is null) return snapshot;
        snapshot.OrderNo = state.OrderNo;
        snapshot.UserId = state.UserId;
        snapshot.PaymentStatus = state.PaymentStatus.ToString();
        snapshot.OrderTime = state.OrderTime;
        snapshot.StoreCode = state.StoreCode;
        snapshot.DeviceCode = state.DeviceCode;
        snapshot.WheatOrderNo = state.WheatOrderNo;
        snapshot.RelatedOrderNo = state.RelatedOrderNo;
        snapshot.OrderType = state.OrderType.ToString();
        snapshot.PaymentType = state.PaymentType.ToString();
        snapshot.FailureReason = state.FailureReason?.ToString();
        snapshot.ExceptionKind = state.ExceptionKind?.ToString();
        snapshot.ReviewStatus = state.ReviewStatus?.ToString();
        snapshot.TotalAmount = state.TotalAmount;
        snapshot.PaidAt = state.PaidAt;
        return snapshot;
    }
}
