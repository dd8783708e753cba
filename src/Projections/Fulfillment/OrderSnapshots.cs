using Cabinets.Domain.Fulfillment;
using Cabinets.Domain.Fulfillment.Catalog;
using Cabinets.Domain.Fulfillment.Inventory;
using Cabinets.Domain.Fulfillment.Purchasing;
using JasperFx.Events;
using Marten.Events.Aggregation;
using Marten.Events.Projections;

namespace Cabinets.Projections.Fulfillment;

/// <summary>A channel order (`fulfillment-order-{shop}:{tid}`), with the console's filters flat.</summary>
public sealed class ChannelOrderSnapshot
{
    public string Id { get; set; } = "";

    public string OrderBn { get; set; } = "";

    public string ShopCode { get; set; } = "";

    public string Tid { get; set; } = "";

    public Cabinets.Domain.Fulfillment.Orders.ChannelOrderState? State { get; set; }
}

public sealed partial class ChannelOrderSnapshotProjection : SingleStreamProjection<ChannelOrderSnapshot, string>
{
    public ChannelOrderSnapshotProjection()
    {
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderCreated>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderMarkedFailed>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderLinesChanged>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderConsigneeChanged>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.ConsigneeDigestRecorded>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderRemarksChanged>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderPayStatusChanged>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderChannelVersionApplied>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderCancelled>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderShipped>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderFinished>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderReviewed>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderPaused>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderResumed>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.FailedOrderRepaired>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderPaymentRecorded>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderPaymentFailed>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderRefundApplied>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderReturnedToUnconfirmed>();
    }

    public override ChannelOrderSnapshot? Evolve(ChannelOrderSnapshot? snapshot, string id, IEvent e)
    {
        var state = Cabinets.Domain.Fulfillment.Orders.ChannelOrderState.Evolve(snapshot?.State, e.Data);
        return state is null ? snapshot : new ChannelOrderSnapshot { Id = id, OrderBn = state.OrderBn, ShopCode = state.ShopCode, Tid = state.Tid, State = state };
    }
}

/// <summary>A delivery notice (`fulfillment-delivery-{deliveryId}`).</summary>
public sealed class DeliverySnapshot
{
    public string Id { get; set; } = "";

    public string OrderId { get; set; } = "";

    /// <summary>Indexed: verification and consignment find a delivery by its express number.</summary>
    public string? LogisticsNo { get; set; }

    public Cabinets.Domain.Fulfillment.Orders.DeliveryState? State { get; set; }
}

public sealed partial class DeliverySnapshotProjection : SingleStreamProjection<DeliverySnapshot, string>
{
    public DeliverySnapshotProjection()
    {
        IncludeType<Cabinets.Domain.Fulfillment.Orders.DeliveryCreated>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.LogisticsNoAssigned>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.DeliveryDocumentPrinted>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.DeliveryPrinted>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.DeliveryItemVerified>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.DeliveryVerified>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.DeliveryConsigned>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.DeliveryClosed>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.DeliveryPaused>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.DeliveryRenewed>();
    }

    public override DeliverySnapshot? Evolve(DeliverySnapshot? snapshot, string id, IEvent e)
    {
        var state = Cabinets.Domain.Fulfillment.Orders.DeliveryState.Evolve(snapshot?.State, e.Data);
        return state is null ? snapshot : new DeliverySnapshot { Id = id, OrderId = state.OrderId, LogisticsNo = state.LogisticsNo, State = state };
    }
}
