namespace Cabinets.Domain.Stations.Orders;

/// <summary>Order statuses (TAX.md §1.4): forward only, delete from waiting only.</summary>
public static class StationOrderStatus
{
    public const int Deleted = -1;
    public const int WaitingSorting = 1;
    public const int Sorting = 5;
    public const int Delivering = 10;
    public const int Signed = 15;

    public static bool IsKnown(int status) => status is Deleted or WaitingSorting or Sorting or Delivering or Signed;
}

public static class StationPayStatus
{
    public const int Unpaid = 1;
    public const int PartiallyPaid = 5;
    public const int Paid = 10;

    public static bool IsKnown(int status) => status is Unpaid or PartiallyPaid or Paid;
}

/// <summary>The delivery copy of an order once opened (TAX.md §1.6).</summary>
public sealed record DeliverySheet(IReadOnlyList<DeliverySheetLine> Lines, string? Remark, bool Weighted);

/// <summary>One station order, folded from its events; the decider's state and the order views' source.</summary>
public sealed record StationOrderState(
    string OrderId, string StationId, int AddressId, int Uid, DateTimeOffset ReceiveBeginTime, DateTimeOffset ReceiveEndTime,
    string TimeConfigId, string? Remark, string? Address, int Client, int Status, int PayStatus,
    IReadOnlyList<StationOrderLine> Lines, DeliverySheet? Sheet, int? TaxNumber, bool IsPrinted,
    DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt)
{
    public static StationOrderState? Initial => null;

    public bool Exists => OrderId.Length > 0;

    /// <summary>Folds one event; <paramref name="at"/> fills the capture time of lines read from V1 events.</summary>
    public static StationOrderState? Evolve(StationOrderState? state, IStationOrderEvent @event) => Evolve(state, @event, null);

    public static StationOrderState? Evolve(StationOrderState? state, IStationOrderEvent @event, DateTimeOffset? storedAt) => @event switch
    {
        StationOrderCreated e => new StationOrderState(e.OrderId, e.StationId, e.AddressId, e.Uid, e.ReceiveBeginTime, e.ReceiveEndTime,
            e.TimeConfigId, e.Remark, e.Address, e.Client, StationOrderStatus.WaitingSorting, StationPayStatus.Unpaid,
            e.Lines.Select(l => Captured(l, storedAt ?? e.At)).ToList(), null, null, false, e.At, e.At),
        StationOrderEdited e when state is not null => Edited(state, e, storedAt ?? e.At),
        StationOrderStatusChanged e when state is not null => state with { Status = e.To, ModifiedAt = e.At },
        StationOrderPayStatusChanged e when state is not null => state with { PayStatus = e.To, ModifiedAt = e.At },
        DeliverySheetOpened e when state is not null => state with { Sheet = new DeliverySheet(e.Lines, null, false), ModifiedAt = e.At },
        DeliverySheetUpdated e when state?.Sheet is { } sheet => state with
        {
            Sheet = new DeliverySheet(sheet.Lines.Select(l => e.Changes.FirstOrDefault(c => c.SkuId == l.Ordered.SkuId) is { } c
                ? l with { RealQuantity = c.RealQuantity, UnitPrice = c.UnitPrice ?? l.UnitPrice, Remark = c.Remark ?? l.Remark }
                : l).ToList(), e.Remark ?? sheet.Remark, sheet.Weighted || e.Changes.Count > 0),
            ModifiedAt = e.At,
        },
        DeliverySheetPrinted e when state is not null => state with { TaxNumber = state.TaxNumber ?? e.TaxNumber, IsPrinted = true },
        _ => state,
    };

    private static StationOrderLine Captured(StationOrderLine line, DateTimeOffset at) => line.RateCapturedAt is null ? line with { RateCapturedAt = at } : line;

    private static StationOrderState Edited(StationOrderState state, StationOrderEdited e, DateTimeOffset at)
    {
        var lines = state.Lines.Where(l => !e.RemovedSkuIds.Contains(l.SkuId)).ToList();
        foreach (var changed in e.Changed)
        {
            var i = lines.FindIndex(l => l.SkuId == changed.SkuId);
            if (i >= 0) lines[i] = Captured(changed, at);
        }
        foreach (var remark in e.RemarkOnly)
        {
            var i = lines.FindIndex(l => l.SkuId == remark.SkuId);
            if (i >= 0) lines[i] = lines[i] with { SpuRemark = remark.SpuRemark };
        }
        lines.AddRange(e.Added.Select(l => Captured(l, at)));
        return state with
        {
            Lines = lines,
            ReceiveBeginTime = e.ReceiveBeginTime ?? state.ReceiveBeginTime,
            ReceiveEndTime = e.ReceiveEndTime ?? state.ReceiveEndTime,
            Remark = e.Remark ?? state.Remark,
            ModifiedAt = e.At,
        };
    }
}
