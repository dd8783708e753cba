namespace Cabinets.Domain.Vending.Catalog;

/// <summary>A store (VENDING.md §1.1) as its stream `vending-store-{storeCode}` folds it.</summary>
public sealed record StoreState(string StoreCode, string StoreName, StoreType StoreType, StoreProperty StoreProperty, string Address, string Phone,
    long AmountLimit, bool Enabled, DateTimeOffset CreatedAt)
{
    public static StoreState? Evolve(StoreState? state, object e) => e switch
    {
        StoreRegistered r => new(r.StoreCode, r.StoreName, r.StoreType, r.StoreProperty, r.Address, r.Phone, r.AmountLimit, true, r.At),
        StoreUpdated u when state is not null => state with
        {
            StoreName = u.StoreName ?? state.StoreName, StoreType = u.StoreType ?? state.StoreType, StoreProperty = u.StoreProperty ?? state.StoreProperty,
            Address = u.Address ?? state.Address, Phone = u.Phone ?? state.Phone, Enabled = u.Enabled ?? state.Enabled,
        },
        StoreAmountLimitChanged l when state is not null => state with { AmountLimit = l.AmountLimit },
        _ => state,
    };
}

/// <summary>A device (VENDING.md §1.2) as its stream `vending-device-{deviceCode}` folds it. Before its first report it is OFFLINE.</summary>
public sealed record DeviceState(string DeviceCode, string StoreCode, string QrCode, DeviceOnlineStatus OnlineStatus, DateTimeOffset? StatusReportedAt,
    DeviceBindStatus BindStatus, bool Decommissioned, string? PendingRequestId, DateTimeOffset CreatedAt)
{
    /// <summary>
    /// A move is under way (§2.10: unbind, then bind to the new store): the pending unbind is followed by a bind to
    /// <see cref="StoreCode"/>. Cleared by the unbind's success or a decommission.
    /// </summary>
    public bool RebindPending { get; init; }

    /// <summary>A scan may open this device's door (§1.2): bound, online, in service (the store is checked apart).</summary>
    public bool Usable => BindStatus == DeviceBindStatus.Bound && OnlineStatus == DeviceOnlineStatus.Online && !Decommissioned;

    public static DeviceState? Evolve(DeviceState? state, object e) => e switch
    {
        DeviceRegistered r => new(r.DeviceCode, r.StoreCode, r.QrCode, DeviceOnlineStatus.Offline, null, DeviceBindStatus.Binding, false, null, r.At),
        DeviceBindRequested b when state is not null => state with { BindStatus = DeviceBindStatus.Binding, StoreCode = b.StoreCode, PendingRequestId = b.RequestId },
        DeviceBound b when state is not null => state with { BindStatus = DeviceBindStatus.Bound, StoreCode = b.StoreCode, PendingRequestId = null, RebindPending = false },
        // The failed request stays pending: an admin's retry of the manual task resends exactly it (§2.8).
        DeviceBindFailed when state is not null => state with { BindStatus = DeviceBindStatus.BindFailed },
        DeviceUnbindRequested u when state is not null => state with { BindStatus = DeviceBindStatus.Unbinding, PendingRequestId = u.RequestId },
        DeviceUnbound when state is not null => state with { BindStatus = DeviceBindStatus.Unbound, PendingRequestId = null, RebindPending = false },
        DeviceMoved m when state is not null => state with { StoreCode = m.ToStoreCode, RebindPending = state.BindStatus == DeviceBindStatus.Unbinding },
        DeviceDecommissioned when state is not null => state with { Decommissioned = true, RebindPending = false },
        DeviceStatusChanged s when state is not null => state with { OnlineStatus = s.Status, StatusReportedAt = s.ReportedAt },
        _ => state,
    };
}

/// <summary>A product of the ERP catalog (VENDING.md §1.4), written only by the ERP pull.</summary>
public sealed record ProductState(string ProductCode, string Name, long Price, string Category, ProductStatus Status, DateTimeOffset ErpUpdatedAt, DateTimeOffset SyncedAt)
{
    public static ProductState? Evolve(ProductState? state, object e) => e is ProductSynced p
        ? new(p.ProductCode, p.Name, p.Price, p.Category, p.Status, p.ErpUpdatedAt, p.At)
        : state;
}
