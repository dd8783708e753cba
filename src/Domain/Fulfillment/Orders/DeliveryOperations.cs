using Cabinets.Domain.Deciding;
using Cabinets.Domain.Fulfillment.Catalog;
using Cabinets.Domain.Fulfillment.Inventory;

namespace Cabinets.Domain.Fulfillment.Orders;

[Flags]
public enum PrintDocuments { None = 0, StockList = 1, DeliveryNote = 2, ExpressLabel = 4, All = 7 }

public enum VerifyMode { Barcode, Whole }

public sealed record LogisticsNoAssigned(string DeliveryId, string LogisticsNo, DateTimeOffset At);

public sealed record DeliveryDocumentPrinted(string DeliveryId, PrintDocuments Document, PrintDocuments PrintStatus, string BatchNo, string OperatorId, DateTimeOffset At);

public sealed record DeliveryPrinted(string DeliveryId, DateTimeOffset At);

public sealed record DeliveryItemVerified(string DeliveryId, string LineId, string Barcode, int VerifyNum, DateTimeOffset At);

public sealed record DeliveryVerified(string DeliveryId, VerifyMode Mode, DateTimeOffset At);

public sealed record DeliveryConsigned(string DeliveryId, string LogisticsNo, int? WeightGrams, DateTimeOffset ConsignedAt);

/// <summary>
/// A delivery's work in the warehouse (FULFILLMENT.md §2.11-2.13): the express number, printing
/// (bits 1 stock list, 2 delivery note, 4 express label; printed once every required document is),
/// verification by barcode scans or as a whole (only printed deliveries with an express number;
/// a foreign barcode or a scan beyond the line's number is refused), and consignment (only verified
/// deliveries): the units leave the branch (§2.9, a SALES_OUT ledger entry each) and the order is
/// shipped, and finished unless it is cash-on-delivery and unpaid. Only NORMAL deliveries are worked.
/// </summary>
public static class DeliveryOperations
{
    public const string LogisticsNoRequired = "LOGISTICS_NO_REQUIRED";
    public const string LogisticsNoInUse = "LOGISTICS_NO_IN_USE";
    public const string NotPrinted = "DELIVERY_NOT_PRINTED";
    public const string NotVerified = "DELIVERY_NOT_VERIFIED";
    public const string Closed = "DELIVERY_CLOSED";
    public const string DeliveryPaused = "DELIVERY_PAUSED";
    public const string BarcodeNotInDelivery = "BARCODE_NOT_IN_DELIVERY";
    public const string OverVerified = "OVER_VERIFIED";
    public const string AlreadyShipped = "ALREADY_SHIPPED";

    public static Decision<object> AssignLogisticsNo(DeliveryState? d, string deliveryId, string logisticsNo, bool inUseElsewhere, DateTimeOffset now)
    {
        if (Workable(d, deliveryId) is { } error) return error;
        if (FulfillmentErrors.Code("logisticsNo", logisticsNo) is { } bad) return bad;
        if (inUseElsewhere) return Decision<object>.Reject(LogisticsNoInUse, $"express number {logisticsNo} is on another delivery", "logisticsNo");
        return d!.LogisticsNo == logisticsNo ? Decision<object>.Accept() : Decision<object>.Accept(new LogisticsNoAssigned(deliveryId, logisticsNo, now));
    }

    public static Decision<object> Print(DeliveryState? d, string deliveryId, PrintDocuments documents, PrintDocuments required, string batchNo, string operatorId, DateTimeOffset now)
    {
        if (Workable(d, deliveryId) is { } error) return error;
        if (documents == PrintDocuments.None || (documents & ~PrintDocuments.All) != 0)
            return Decision<object>.Reject(FulfillmentErrors.Validation, "name one or more of the stock list, delivery note and express label", "documents");
        var events = new List<object>();
        var status = d!.PrintStatus;
        foreach (var document in new[] { PrintDocuments.StockList, PrintDocuments.DeliveryNote, PrintDocuments.ExpressLabel }.Where(x => documents.HasFlag(x)))
        {
            status |= document;
            events.Add(new DeliveryDocumentPrinted(deliveryId, document, status, batchNo, operatorId, now));
        }
        if (!d.Printed && (status & required) == required) events.Add(new DeliveryPrinted(deliveryId, now));
        return Decision<object>.Accept(events);
    }

    public static Decision<object> VerifyItem(DeliveryState? d, string logisticsNo, string barcode, DateTimeOffset now)
    {
        if (Verifiable(d, logisticsNo) is { } error) return error;
        var line = d!.Lines.FirstOrDefault(l => l.Barcode == barcode && d.VerifiedOf(l.LineId) < l.Number)
            ?? d.Lines.FirstOrDefault(l => l.Barcode == barcode);
        if (line is null) return Decision<object>.Reject(BarcodeNotInDelivery, $"barcode {barcode} is on none of the delivery's lines", "barcode");
        var done = d.VerifiedOf(line.LineId);
        if (done >= line.Number) return Decision<object>.Reject(OverVerified, $"all {line.Number} of {line.BasicMaterialCode} are scanned already", "barcode");
        var events = new List<object> { new DeliveryItemVerified(d.DeliveryId, line.LineId, barcode, done + 1, now) };
        var complete = d.Lines.All(l => (l.LineId == line.LineId ? done + 1 : d.VerifiedOf(l.LineId)) >= l.Number);
        if (complete) events.Add(new DeliveryVerified(d.DeliveryId, VerifyMode.Barcode, now));
        return Decision<object>.Accept(events);
    }

    public static Decision<object> VerifyWhole(DeliveryState? d, string logisticsNo, DateTimeOffset now) =>
        Verifiable(d, logisticsNo) is { } error ? error : Decision<object>.Accept(new DeliveryVerified(d!.DeliveryId, VerifyMode.Whole, now));

    /// <summary>Consignment: the delivery's events, the order's, and the branch's stock moves.</summary>
    public static Decision<ReviewChange> Consign(DeliveryState? d, ChannelOrderState? order, string logisticsNo, int? weightGrams, IStockLevels levels, DateTimeOffset now)
    {
        if (d is null || d.LogisticsNo != logisticsNo) return Decision<ReviewChange>.Reject(FulfillmentErrors.NotFound, $"no delivery has express number {logisticsNo}", "logisticsNo");
        if (d.Status == DeliveryStatus.Shipped) return Decision<ReviewChange>.Reject(AlreadyShipped, $"delivery {d.DeliveryBn} is shipped", "logisticsNo");
        if (d.Status == DeliveryStatus.Paused) return Decision<ReviewChange>.Reject(DeliveryPaused, $"delivery {d.DeliveryBn} is paused with its order", "logisticsNo");
        if (d.Status != DeliveryStatus.Normal) return Decision<ReviewChange>.Reject(Closed, $"delivery {d.DeliveryBn} is {d.Status}", "logisticsNo");
        if (!d.Verified) return Decision<ReviewChange>.Reject(NotVerified, $"delivery {d.DeliveryBn} is not verified", "logisticsNo");
        if (weightGrams is < 0 or > 1_000_000) return Decision<ReviewChange>.Reject(FulfillmentErrors.Validation, "0 to 1,000,000 grams", "weightGrams");
        if (order is null) return Decision<ReviewChange>.Reject(FulfillmentErrors.NotFound, $"no order {d.OrderId}", "logisticsNo");
        var issued = StockMovements.Consigned(levels, d.BranchCode, d.DeliveryId, d.Lines.Select(l => new StockLine(l.BasicMaterialCode, l.Number)), now);
        if (issued.Error is { } error) return error;
        var orderEvents = new List<object> { new OrderShipped(order.OrderId, ShipStatus.Shipped, now) };
        if (!order.IsCod || order.PayStatus == PayStatus.Paid) orderEvents.Add(new OrderFinished(order.OrderId, now));
        return Decision<ReviewChange>.Accept(new ReviewChange(orderEvents, [new DeliveryConsigned(d.DeliveryId, logisticsNo, weightGrams, now)], issued.Events));
    }

    private static DomainError? Workable(DeliveryState? d, string deliveryId) =>
        d is null ? new DomainError(FulfillmentErrors.NotFound, $"no delivery {deliveryId}", "deliveryId")
        : d.Status == DeliveryStatus.Shipped ? new DomainError(AlreadyShipped, $"delivery {d.DeliveryBn} is shipped", "deliveryId")
        : d.Status == DeliveryStatus.Paused ? new DomainError(DeliveryPaused, $"delivery {d.DeliveryBn} is paused with its order", "deliveryId")
        : d.Status != DeliveryStatus.Normal ? new DomainError(Closed, $"delivery {d.DeliveryBn} is {d.Status}", "deliveryId")
        : null;

    private static DomainError? Verifiable(DeliveryState? d, string logisticsNo)
    {
        if (d is null || d.LogisticsNo != logisticsNo) return new DomainError(FulfillmentErrors.NotFound, $"no delivery has express number {logisticsNo}", "logisticsNo");
        if (Workable(d, d.DeliveryId) is { } error) return error with { Field = "logisticsNo" };
        if (!d.Printed) return new DomainError(NotPrinted, $"delivery {d.DeliveryBn} is not printed", "logisticsNo");
        return d.Verified ? new DomainError(FulfillmentErrors.InvalidState, $"delivery {d.DeliveryBn} is verified already", "logisticsNo") : null;
    }
}
