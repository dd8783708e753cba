using Cabinets.Api.Vending.Outbound;
using Cabinets.Api.Vending.Ports;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Catalog;
using Cabinets.Projections.Vending.Catalog;
using Marten;
using Wolverine;

namespace Cabinets.Api.Vending.Handlers.Catalog;

/// <summary>
/// `VendorBindDevice` from the outbox (VENDING.md §2.10, §4.3). The attempt calls the vendor only
/// while the device still waits for this request, and records `DeviceBound` only after the vendor
/// answered. A rejection is not retried: `DeviceBindFailed` with the vendor's code and a manual task
/// `VENDOR_BIND_DEVICE` at once; transport failures go the policy's way (retries, then the same).
/// </summary>
public static class VendorBindDeviceHandler
{
    public static async Task Handle(VendorBindDevice message, IVendorGateway vendor, IDocumentSession session, IMessageContext messages, TimeProvider clock,
        CancellationToken ct)
    {
        try
        {
            await AttemptAsync(message, vendor, session, clock, ct);
        }
        catch (ExternalRejectedException e)
        {
            var now = clock.GetUtcNow();
            await messages.PublishAsync(new RecordDeviceBindFailure(message.DeviceCode, message.RequestId, e.Code, e.Reason, now));
            await messages.PublishAsync(OutboundGaveUp.OpenTask(message, ManualTaskKind.VendorBindDevice, Math.Max(1, messages.Envelope?.Attempts ?? 1),
                $"{e.Code}: {e.Reason}", now));
        }
    }

    public static async Task AttemptAsync(VendorBindDevice message, IVendorGateway vendor, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<VendingDeviceSnapshot>(VendingEventNames.Device(message.DeviceCode), ct);
        if (!DeviceDecider.AwaitsBind(stream.Aggregate?.State, message.RequestId)) return; // superseded by a move or decommission, or done
        await vendor.BindDeviceAsync(new VendorBindDeviceRequest(message.RequestId, message.DeviceCode, message.StoreCode, message.StoreName, message.StoreAddress), ct);
        var decision = DeviceDecider.Decide(new ConfirmDeviceBound(message.DeviceCode, message.RequestId, clock.GetUtcNow()), stream.Aggregate?.State);
        if (decision.Events.Count > 0) stream.AppendMany(decision.Events.ToArray());
    }
}

/// <summary>
/// `VendorUnbindDevice` from the outbox. For a move the same attempt then binds the device to its
/// new store (its own idempotency key), so a move is one call series that an admin can resend whole
/// from the `VENDOR_UNBIND_DEVICE` task; the vendor's keys make a resent unbind or bind harmless.
/// A rejection escapes to the policy: a manual task at once.
/// </summary>
public static class VendorUnbindDeviceHandler
{
    public static Task Handle(VendorUnbindDevice message, IVendorGateway vendor, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        AttemptAsync(message, vendor, session, clock, ct);

    public static async Task AttemptAsync(VendorUnbindDevice message, IVendorGateway vendor, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<VendingDeviceSnapshot>(VendingEventNames.Device(message.DeviceCode), ct);
        var state = stream.Aggregate?.State;
        if (!DeviceDecider.AwaitsUnbind(state, message.RequestId)) return;
        await vendor.UnbindDeviceAsync(new VendorUnbindDeviceRequest(message.RequestId, message.DeviceCode), ct);
        var rebound = false;
        if (state!.RebindPending && !state.Decommissioned && await DeviceStream.StoreAsync(session, state.StoreCode, ct) is { } store)
        {
            var bind = DeviceDecider.Bind(DeviceDecider.RebindRequestId(message.RequestId), message.DeviceCode, store);
            await vendor.BindDeviceAsync(new VendorBindDeviceRequest(bind.RequestId, bind.DeviceCode, bind.StoreCode, bind.StoreName, bind.StoreAddress), ct);
            rebound = true;
        }
        var decision = DeviceDecider.Decide(new ConfirmDeviceUnbound(message.DeviceCode, message.RequestId, rebound, clock.GetUtcNow()), state);
        if (decision.Events.Count > 0) stream.AppendMany(decision.Events.ToArray());
    }
}
