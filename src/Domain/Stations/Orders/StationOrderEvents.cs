using Cabinets.Domain.Stations.TaxRules;

namespace Cabinets.Domain.Stations.Orders;

/// <summary>
/// An order line with the tax it captured (TAX.md §1.5). <see cref="RateCapturedAt"/> is null only
/// on lines read from a V1 event through the upcaster: the event's own time stands in for it.
/// </summary>
public sealed record StationOrderLine(string SkuId, string SpuId, decimal Quantity, long UnitPrice, bool IsPriceTiming, string? SpuRemark,
    int TaxRate, bool IsSetTax, int? TaxRuleId, DateTimeOffset? RateCapturedAt)
{
    public RateCapture Rate => new(TaxRate, IsSetTax, TaxRuleId);
}

/// <summary>A delivery-sheet line: the order line as copied when the sheet opened, with what was delivered.</summary>
public sealed record DeliverySheetLine(StationOrderLine Ordered, decimal RealQuantity, long UnitPrice, string? Remark);

public sealed record SpuRemarkChange(string SkuId, string? SpuRemark);

public sealed record DeliverySheetChange(string SkuId, decimal RealQuantity, long? UnitPrice, string? Remark);

public enum StationOrderEditMode { Replace, Append, ForceMerge }

public interface IStationOrderEvent
{
    string OrderId { get; }
}

public sealed record StationOrderCreated(string OrderId, string StationId, int AddressId, int Uid, DateTimeOffset ReceiveBeginTime,
    DateTimeOffset ReceiveEndTime, string TimeConfigId, string? Remark, string? Address, int Client,
    IReadOnlyList<StationOrderLine> Lines, DateTimeOffset At) : IStationOrderEvent;

public sealed record StationOrderEdited(string OrderId, StationOrderEditMode Mode, DateTimeOffset? ReceiveBeginTime, DateTimeOffset? ReceiveEndTime,
    string? Remark, IReadOnlyList<StationOrderLine> Added, IReadOnlyList<StationOrderLine> Changed, IReadOnlyList<string> RemovedSkuIds,
    IReadOnlyList<SpuRemarkChange> RemarkOnly, DateTimeOffset At) : IStationOrderEvent;

public sealed record StationOrderStatusChanged(string OrderId, int From, int To, DateTimeOffset At) : IStationOrderEvent;

public sealed record StationOrderPayStatusChanged(string OrderId, int From, int To, DateTimeOffset At) : IStationOrderEvent;

public sealed record DeliverySheetOpened(string OrderId, IReadOnlyList<DeliverySheetLine> Lines, DateTimeOffset At) : IStationOrderEvent;

public sealed record DeliverySheetUpdated(string OrderId, IReadOnlyList<DeliverySheetChange> Changes, string? Remark, DateTimeOffset At) : IStationOrderEvent;

public sealed record DeliverySheetPrinted(string OrderId, int Type, int TaxNumber, DateTimeOffset At) : IStationOrderEvent;

/// <summary>The station's print sequence moved on to <paramref name="LastTaxNumber"/> (stream `station-print-sequence-{station}`).</summary>
public sealed record StationPrintSequenceAdvanced(string StationId, int LastTaxNumber, DateTimeOffset At);

/// <summary>
/// Version 1 of the order events, as the system wrote them before `is_set_tax` existed: lines carry
/// a rate and no flag. They are never written again; the upcaster reads them as version 2.
/// </summary>
public static class StationOrderEventsV1
{
    public sealed record Line(string SkuId, string SpuId, decimal Quantity, long UnitPrice, bool IsPriceTiming, string? SpuRemark, int TaxRate);

    public sealed record StationOrderCreated(string OrderId, string StationId, int AddressId, int Uid, DateTimeOffset ReceiveBeginTime,
        DateTimeOffset ReceiveEndTime, string TimeConfigId, string? Remark, string? Address, int Client, IReadOnlyList<Line> Lines, DateTimeOffset At);

    public sealed record StationOrderEdited(string OrderId, StationOrderEditMode Mode, DateTimeOffset? ReceiveBeginTime, DateTimeOffset? ReceiveEndTime,
        string? Remark, IReadOnlyList<Line> Added, IReadOnlyList<Line> Changed, IReadOnlyList<string> RemovedSkuIds,
        IReadOnlyList<SpuRemarkChange> RemarkOnly, DateTimeOffset At);

    /// <summary>TAX.md §1.8: before this version 0 was not an allowed rate, so a stored 0 can only mean "not set".</summary>
    public static StationOrderLine Upcast(Line line) => new(line.SkuId, line.SpuId, line.Quantity, line.UnitPrice, line.IsPriceTiming,
        line.SpuRemark, line.TaxRate, IsSetTax: line.TaxRate != 0, TaxRuleId: null, RateCapturedAt: null);

    public static Orders.StationOrderCreated Upcast(StationOrderCreated e) => new(e.OrderId, e.StationId, e.AddressId, e.Uid, e.ReceiveBeginTime,
        e.ReceiveEndTime, e.TimeConfigId, e.Remark, e.Address, e.Client, e.Lines.Select(Upcast).ToList(), e.At);

    public static Orders.StationOrderEdited Upcast(StationOrderEdited e) => new(e.OrderId, e.Mode, e.ReceiveBeginTime, e.ReceiveEndTime,
        e.Remark, e.Added.Select(Upcast).ToList(), e.Changed.Select(Upcast).ToList(), e.RemovedSkuIds, e.RemarkOnly, e.At);
}

public static class StationOrderEventNames
{
    public const string CreatedName = "stations.order_created";
    public const string EditedName = "stations.order_edited";

    public static IReadOnlyList<(Type Type, string Name, int Version)> All { get; } =
    [
        (typeof(StationOrderCreated), CreatedName, 2),
        (typeof(StationOrderEdited), EditedName, 2),
        (typeof(StationOrderStatusChanged), "stations.order_status_changed", 1),
        (typeof(StationOrderPayStatusChanged), "stations.order_pay_status_changed", 1),
        (typeof(DeliverySheetOpened), "stations.delivery_sheet_opened", 1),
        (typeof(DeliverySheetUpdated), "stations.delivery_sheet_updated", 1),
        (typeof(DeliverySheetPrinted), "stations.delivery_sheet_printed", 1),
        (typeof(StationPrintSequenceAdvanced), "stations.print_sequence_advanced", 1),
    ];

    public const string StreamType = "station-order";

    public static string StreamId(string orderId) => $"station-order-{orderId}";

    public static string PrintSequenceStreamId(string stationId) => $"station-print-sequence-{stationId}";
}
