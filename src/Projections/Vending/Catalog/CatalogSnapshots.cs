using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Catalog;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Cabinets.Projections.Vending.Catalog;

/// <summary>A store as the scan, the push and the console read it (inline, next to `vending-store-{code}`).</summary>
public sealed class VendingStoreSnapshot
{
    public string Id { get; set; } = "";

    public StoreState? State { get; set; }
}

public sealed partial class VendingStoreSnapshotProjection : SingleStreamProjection<VendingStoreSnapshot, string>
{
    public VendingStoreSnapshotProjection()
    {
        IncludeType<StoreRegistered>();
        IncludeType<StoreUpdated>();
        IncludeType<StoreAmountLimitChanged>();
    }

    public override VendingStoreSnapshot? Evolve(VendingStoreSnapshot? snapshot, string id, IEvent e)
    {
        snapshot ??= new VendingStoreSnapshot { Id = id };
        snapshot.State = StoreState.Evolve(snapshot.State, e.Data);
        return snapshot;
    }
}

/// <summary>A device as the scan (by QR code), the push and the console read it (inline, next to `vending-device-{code}`).</summary>
public sealed class VendingDeviceSnapshot
{
    public string Id { get; set; } = "";

    /// <summary>Indexed (unique): the scan's look-up.</summary>
    public string QrCode { get; set; } = "";

    public DeviceState? State { get; set; }
}

public sealed partial class VendingDeviceSnapshotProjection : SingleStreamProjection<VendingDeviceSnapshot, string>
{
    public VendingDeviceSnapshotProjection()
    {
        IncludeType<DeviceRegistered>();
        IncludeType<DeviceBindRequested>();
        IncludeType<DeviceBound>();
        IncludeType<DeviceBindFailed>();
        IncludeType<DeviceUnbindRequested>();
        IncludeType<DeviceUnbound>();
        IncludeType<DeviceMoved>();
        IncludeType<DeviceDecommissioned>();
        IncludeType<DeviceStatusChanged>();
    }

    public override VendingDeviceSnapshot? Evolve(VendingDeviceSnapshot? snapshot, string id, IEvent e)
    {
        snapshot ??= new VendingDeviceSnapshot { Id = id };
        snapshot.State = DeviceState.Evolve(snapshot.State, e.Data);
        snapshot.QrCode = snapshot.State?.QrCode ?? "";
        return snapshot;
    }
}

/// <summary>A catalog product (inline, next to `vending-product-{code}`).</summary>
public sealed class VendingProductSnapshot
{
    public string Id { get; set; } = "";

    public ProductState? State { get; set; }
}

public sealed partial class VendingProductSnapshotProjection : SingleStreamProjection<VendingProductSnapshot, string>
{
    public VendingProductSnapshotProjection()
    {
        IncludeType<ProductSynced>();
    }

    public override VendingProductSnapshot? Evolve(VendingProductSnapshot? snapshot, string id, IEvent e)
    {
        snapshot ??= new VendingProductSnapshot { Id = id };
        snapshot.State = ProductState.Evolve(snapshot.State, e.Data);
        return snapshot;
    }
}
