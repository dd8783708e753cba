using Cabinets.Domain.Stations.TaxRules;

namespace Cabinets.Domain.Stations.Orders;

/// <summary>A requested line; a null quantity or price is one the surface could not read (the line is then refused alone).</summary>
public sealed record LineRequest(string SkuId, string SpuId, decimal? Quantity, long? UnitPrice, bool IsPriceTiming, string? SpuRemark);

/// <summary>What the handler looked up for the decider: the station's merchant and SKUs named, and the rates lines would capture now.</summary>
public sealed record OrderContext(int? MerchantUid, IReadOnlyDictionary<string, string> SpuOfSku, IReadOnlyDictionary<string, RateCapture> RateOfSpu);

public abstract record StationOrderCommand(string OrderId, string StationId, DateTimeOffset Now);

public sealed record CreateStationOrder(string OrderId, string StationId, int AddressId, int Uid, DateTimeOffset ReceiveBeginTime,
    DateTimeOffset ReceiveEndTime, string TimeConfigId, string? Remark, string? Address, IReadOnlyList<LineRequest> Lines,
    OrderContext Context, DateTimeOffset Now, bool Force = false) : StationOrderCommand(OrderId, StationId, Now);

/// <summary>Prints the sheets of several orders of a station; tax numbers come from the station's print sequence (TAX.md §1.6).</summary>
public sealed record PrintDeliverySheets(string StationId, IReadOnlyList<string> OrderIds, int Type, DateTimeOffset Now);

/// <summary>REPLACE (`edit`), APPEND (`edit_old`) or FORCE_MERGE (a create with `force` 1 into an existing order).</summary>
public sealed record EditStationOrder(string OrderId, string StationId, StationOrderEditMode Mode, IReadOnlyList<LineRequest> Lines,
    DateTimeOffset? ReceiveBeginTime, DateTimeOffset? ReceiveEndTime, string? Remark, OrderContext Context, DateTimeOffset Now)
    : StationOrderCommand(OrderId, StationId, Now);

public sealed record SetStationOrderProgress(string OrderId, string StationId, int? Status, int? PayStatus, DateTimeOffset Now)
    : StationOrderCommand(OrderId, StationId, Now);

public sealed record UpdateDeliverySheet(string OrderId, string StationId, IReadOnlyList<DeliverySheetChange> Changes, string? Remark, DateTimeOffset Now)
    : StationOrderCommand(OrderId, StationId, Now);

/// <summary>A print of the order's sheet; <see cref="NextTaxNumber"/> is the station's next number, used only if the order has none.</summary>
public sealed record PrintDeliverySheet(string OrderId, string StationId, int Type, int NextTaxNumber, DateTimeOffset Now)
    : StationOrderCommand(OrderId, StationId, Now);

/// <summary>The create answer (TAX.md §2.4): which orders were made or merged into, which lines went in and which were refused.</summary>
public sealed record OrderLinesAnswer(IReadOnlyList<string> NewOrderIds, IReadOnlyList<string> UpdateOrderIds,
    IReadOnlyList<string> SuccessSkuIds, IReadOnlyList<LineError> ErrorSkus);

public static class OrderContexts
{
    /// <summary>The context before the handler looked anything up.</summary>
    public static OrderContext Empty { get; } = new(null, new Dictionary<string, string>(), new Dictionary<string, TaxRules.RateCapture>());
}

public sealed record LineError(string SkuId, string Code, string Message, string Field);
