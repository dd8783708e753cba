using Cabinets.Domain.Deciding;
using Cabinets.Domain.Stations.TaxRules;

namespace Cabinets.Domain.Stations.Orders;

/// <summary>
/// The rules of a station order (TAX.md §2.4–2.11): lines capture their rate when added or changed
/// and keep it otherwise; edits only while the order waits (replace) or is being sorted (append)
/// and has no delivery sheet; the sheet keeps the captured rates; progress moves forward only.
/// </summary>
public static class StationOrderDecider
{
    public static Decider<StationOrderCommand, StationOrderState?, IStationOrderEvent> Instance { get; } =
        new(null, StationOrderState.Evolve, Decide);

    public static class Errors
    {
        public const string Invalid = "station_order.invalid";
        public const string NotFound = "station_order.not_found";
        public const string State = "station_order.state";
        public const string NoValidLine = "station_order.no_valid_line";
        public const string AlreadyExists = "station_order.already_exists";
    }

    public static Decision<IStationOrderEvent> Decide(StationOrderCommand command, StationOrderState? state)
    {
        if (command is CreateStationOrder create) return state is null ? Create(create) : Reject(Errors.AlreadyExists, $"order {create.OrderId} exists", "order_id");
        if (state is null || state.StationId != command.StationId) return Reject(Errors.NotFound, $"order {command.OrderId} not found", "order_id");
        return command switch
        {
            EditStationOrder c => Edit(c, state),
            SetStationOrderProgress c => Progress(c, state),
            UpdateDeliverySheet c => UpdateSheet(c, state),
            PrintDeliverySheet c => c.Type is 1 or 2
                ? Decision<IStationOrderEvent>.Accept(new DeliverySheetPrinted(c.OrderId, c.Type, state.TaxNumber ?? c.NextTaxNumber, c.Now))
                    .AnswerWith(state.TaxNumber ?? c.NextTaxNumber)
                : Reject(Errors.Invalid, "must be 1 or 2", "type"),
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };
    }

    /// <summary>The header checks of a create (TAX.md §2.4 step 1), shared with a forced merge.</summary>
    public static DomainError? ValidateHeader(int addressId, int uid, DateTimeOffset begin, DateTimeOffset end, string timeConfigId, int lineCount, OrderContext context)
    {
        if (context.MerchantUid is null) return new DomainError(Errors.Invalid, $"merchant {addressId} is not a merchant of this station", "address_id");
        if (context.MerchantUid != uid) return new DomainError(Errors.Invalid, "does not match the merchant's uid", "uid");
        if (begin >= end) return new DomainError(Errors.Invalid, "must be before receive_end_time", "receive_begin_time");
        if (string.IsNullOrWhiteSpace(timeConfigId)) return new DomainError(Errors.Invalid, "must not be empty", "time_config_id");
        if (lineCount == 0) return new DomainError(Errors.Invalid, "must list at least one line", "details");
        return null;
    }

    private static Decision<IStationOrderEvent> Create(CreateStationOrder c)
    {
        if (ValidateHeader(c.AddressId, c.Uid, c.ReceiveBeginTime, c.ReceiveEndTime, c.TimeConfigId, c.Lines.Count, c.Context) is { } header) return header;
        var (lines, errors) = Capture(c.Lines, c.Context, c.Now);
        if (lines.Count == 0) return NoValidLine(errors);
        return Decision<IStationOrderEvent>.Accept(new StationOrderCreated(c.OrderId, c.StationId, c.AddressId, c.Uid, c.ReceiveBeginTime,
                c.ReceiveEndTime, c.TimeConfigId, c.Remark, c.Address, Client: 1, lines, c.Now))
            .AnswerWith(new OrderLinesAnswer([c.OrderId], [], lines.Select(l => l.SkuId).ToList(), errors));
    }

    private static Decision<IStationOrderEvent> Edit(EditStationOrder c, StationOrderState state)
    {
        var allowed = c.Mode == StationOrderEditMode.Append
            ? state.Status is StationOrderStatus.WaitingSorting or StationOrderStatus.Sorting
            : state.Status == StationOrderStatus.WaitingSorting;
        if (!allowed || state.Sheet is not null)
            return new DomainError(Errors.State, $"order {state.OrderId} is in status {state.Status}{(state.Sheet is null ? "" : " with a delivery sheet")}", "order_id")
            { Details = new { order_id = state.OrderId, status = state.Status, has_delivery_sheet = state.Sheet is not null } };
        if (c.ReceiveBeginTime is { } begin && c.ReceiveEndTime is { } end && begin >= end)
            return Reject(Errors.Invalid, "must be before receive_end_time", "order_data.receive_begin_time");

        var (requested, errors) = Capture(c.Lines, c.Context, c.Now);
        if (c.Mode == StationOrderEditMode.ForceMerge)
        {
            // A present SKU gets the quantity added, at the same unit price only (TAX.md §2.4 step 3).
            var merged = new List<StationOrderLine>();
            foreach (var line in requested)
            {
                var present = state.Lines.FirstOrDefault(l => l.SkuId == line.SkuId);
                if (present is null) merged.Add(line);
                else if (present.UnitPrice == line.UnitPrice) merged.Add(line with { Quantity = present.Quantity + line.Quantity });
                else errors.Add(new LineError(line.SkuId, Errors.Invalid, "unit price differs from the order's line", "unit_price"));
            }
            requested = merged;
            if (requested.Count == 0) return NoValidLine(errors);
        }
        else if (errors.Count > 0)
        {
            var index = c.Lines.ToList().FindIndex(l => l.SkuId == errors[0].SkuId);
            return Reject(Errors.Invalid, $"{errors[0].SkuId}: {errors[0].Message}", $"details[{index}].{errors[0].Field}");
        }

        var added = new List<StationOrderLine>();
        var changed = new List<StationOrderLine>();
        var remarkOnly = new List<SpuRemarkChange>();
        foreach (var line in requested)
        {
            var present = state.Lines.FirstOrDefault(l => l.SkuId == line.SkuId);
            if (present is null) added.Add(line);
            else if (present.Quantity != line.Quantity || present.UnitPrice != line.UnitPrice || present.IsPriceTiming != line.IsPriceTiming) changed.Add(line);
            else if (present.SpuRemark != line.SpuRemark) remarkOnly.Add(new SpuRemarkChange(line.SkuId, line.SpuRemark));
        }
        var removed = c.Mode == StationOrderEditMode.Replace
            ? state.Lines.Where(l => requested.All(r => r.SkuId != l.SkuId)).Select(l => l.SkuId).ToList()
            : [];
        if (requested.Count == 0) return Reject(Errors.Invalid, "must list at least one line", "details"); // replace and append alike

        var edited = new StationOrderEdited(state.OrderId, c.Mode, c.ReceiveBeginTime, c.ReceiveEndTime, c.Remark, added, changed, removed, remarkOnly, c.Now);
        return Decision<IStationOrderEvent>.Accept(edited)
            .AnswerWith(new OrderLinesAnswer([], c.Mode == StationOrderEditMode.ForceMerge ? [state.OrderId] : [], requested.Select(l => l.SkuId).ToList(), errors));
    }

    private static Decision<IStationOrderEvent> Progress(SetStationOrderProgress c, StationOrderState state)
    {
        var events = new List<IStationOrderEvent>();
        if (c.Status is { } to && to != state.Status)
        {
            if (!StationOrderStatus.IsKnown(to)) return Reject(Errors.Invalid, $"unknown status {to}", "status");
            var ok = to == StationOrderStatus.Deleted ? state.Status == StationOrderStatus.WaitingSorting : state.Status != StationOrderStatus.Deleted && to > state.Status;
            if (!ok) return Reject(Errors.State, $"status cannot move from {state.Status} to {to}", "status");
            events.Add(new StationOrderStatusChanged(state.OrderId, state.Status, to, c.Now));
        }
        if (c.PayStatus is { } pay && pay != state.PayStatus)
        {
            if (!StationPayStatus.IsKnown(pay)) return Reject(Errors.Invalid, $"unknown pay status {pay}", "pay_status");
            events.Add(new StationOrderPayStatusChanged(state.OrderId, state.PayStatus, pay, c.Now));
        }
        return Decision<IStationOrderEvent>.Accept(events);
    }

    private static Decision<IStationOrderEvent> UpdateSheet(UpdateDeliverySheet c, StationOrderState state)
    {
        if (state.Status is not (StationOrderStatus.WaitingSorting or StationOrderStatus.Sorting or StationOrderStatus.Delivering))
            return new DomainError(Errors.State, $"order {state.OrderId} is in status {state.Status}", "order_id")
            { Details = new { order_id = state.OrderId, status = state.Status, has_delivery_sheet = state.Sheet is not null } };
        for (var i = 0; i < c.Changes.Count; i++)
        {
            var change = c.Changes[i];
            if (state.Lines.All(l => l.SkuId != change.SkuId)) return Reject(Errors.Invalid, $"{change.SkuId} is not on the order", $"details[{i}].sku_id");
            if (change.RealQuantity < 0 || !TaxArithmetic.HasAtMostTwoDecimals(change.RealQuantity))
                return Reject(Errors.Invalid, "must be >= 0 with at most 2 decimals", $"details[{i}].real_quantity");
            if (change.UnitPrice is < 0) return Reject(Errors.Invalid, "must be >= 0", $"details[{i}].sale_price");
        }
        var events = new List<IStationOrderEvent>();
        if (state.Sheet is null)
            events.Add(new DeliverySheetOpened(state.OrderId, state.Lines.Select(l => new DeliverySheetLine(l, l.Quantity, l.UnitPrice, null)).ToList(), c.Now));
        events.Add(new DeliverySheetUpdated(state.OrderId, c.Changes, c.Remark, c.Now));
        return Decision<IStationOrderEvent>.Accept(events);
    }

    /// <summary>Checks each requested line and gives the valid ones the rate they capture now (TAX.md §1.3, §2.4 step 2).</summary>
    private static (List<StationOrderLine> Lines, List<LineError> Errors) Capture(IReadOnlyList<LineRequest> requested, OrderContext context, DateTimeOffset now)
    {
        var lines = new List<StationOrderLine>();
        var errors = new List<LineError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in requested)
        {
            LineError? error = null;
            if (!seen.Add(r.SkuId)) error = new(r.SkuId, Errors.Invalid, "is listed twice", "sku_id");
            else if (!context.SpuOfSku.TryGetValue(r.SkuId, out var spu)) error = new(r.SkuId, Errors.Invalid, "is not a SKU of this station", "sku_id");
            else if (spu != r.SpuId) error = new(r.SkuId, Errors.Invalid, $"is not the SKU's SPU ({spu})", "spu_id");
            else if (r.Quantity is not { } q || q <= 0 || !TaxArithmetic.HasAtMostTwoDecimals(q)) error = new(r.SkuId, Errors.Invalid, "must be > 0 with at most 2 decimals", "amount");
            else if (r.UnitPrice is not { } p || p < 0) error = new(r.SkuId, Errors.Invalid, "must be a price >= 0 with at most 2 decimals", "unit_price");
            if (error is not null)
            {
                errors.Add(error);
                continue;
            }
            var rate = context.RateOfSpu.GetValueOrDefault(r.SpuId, RateCapture.NotSet);
            lines.Add(new StationOrderLine(r.SkuId, r.SpuId, r.Quantity!.Value, r.UnitPrice!.Value, r.IsPriceTiming, r.SpuRemark,
                rate.TaxRate, rate.IsSet, rate.RuleId, now));
        }
        return (lines, errors);
    }

    private static Decision<IStationOrderEvent> NoValidLine(List<LineError> errors) =>
        new DomainError(Errors.NoValidLine, "no valid line", "details") { Details = new OrderLinesAnswer([], [], [], errors) };

    private static Decision<IStationOrderEvent> Reject(string code, string message, string field) => Decision<IStationOrderEvent>.Reject(code, message, field);
}
