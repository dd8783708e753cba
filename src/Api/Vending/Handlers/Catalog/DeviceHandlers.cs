using Cabinets.Api.Commands;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Catalog;
using Cabinets.Projections.Vending.Catalog;
using Marten;
using Wolverine;

namespace Cabinets.Api.Vending.Handlers.Catalog;

/// <summary>A device's stream (`vending-device-{code}`), decided by <see cref="DeviceDecider"/>, with the look-ups its commands need.</summary>
public static class DeviceStream
{
    public static Task<CommandOutcome> DecideAsync(object command, string deviceCode, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StreamDecisions.DecideAsync<VendingDeviceSnapshot, object, DeviceState?, object>(session, messages,
            VendingEventNames.Device(deviceCode), DeviceDecider.Instance, command, s => s.State, ct);

    public static async Task<StoreState?> StoreAsync(IQuerySession session, string storeCode, CancellationToken ct) =>
        (await session.LoadAsync<VendingStoreSnapshot>(VendingEventNames.Store(storeCode), ct))?.State;

    /// <summary>A fresh vendor request id (`VB…`): the idempotency key of one bind or unbind.</summary>
    public static string NewRequestId() => "VB" + Guid.NewGuid().ToString("N")[..20].ToUpperInvariant();
}

/// <summary>
/// The QR code's uniqueness is checked here and held by the snapshot's unique index (a race between
/// two registrations fails the second one's commit).
/// </summary>
public static class RegisterDeviceHandler
{
    public static Task<CommandOutcome> Handle(RegisterDevice command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StreamDecisions.DecideAsync<VendingDeviceSnapshot, object, DeviceState?, object>(session, messages,
            VendingEventNames.Device(command.DeviceCode), DeviceDecider.Instance, async _ =>
            {
                var qr = command.QrCode ?? DeviceDecider.DefaultQrCode(command.DeviceCode);
                var holder = await session.Query<VendingDeviceSnapshot>().Where(d => d.QrCode == qr).FirstOrDefaultAsync(ct);
                var store = await DeviceStream.StoreAsync(session, command.StoreCode, ct);
                return (object)(command with
                {
                    Store = store,
                    QrCodeHolder = holder?.State?.DeviceCode,
                });
            }, s => s.State, ct);
}

public static class MoveDeviceHandler
{
    public static Task<CommandOutcome> Handle(MoveDevice command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StreamDecisions.DecideAsync<VendingDeviceSnapshot, object, DeviceState?, object>(session, messages,
            VendingEventNames.Device(command.DeviceCode), DeviceDecider.Instance,
            async _ => (object)(command with { Store = await DeviceStream.StoreAsync(session, command.StoreCode, ct) }), s => s.State, ct);
}

public static class DecommissionDeviceHandler
{
    public static Task<CommandOutcome> Handle(DecommissionDevice command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        DeviceStream.DecideAsync(command, command.DeviceCode, session, messages, ct);
}

/// <summary>The bind's failure rule (§4.3): `DeviceBindFailed` for the request the device waits for.</summary>
public static class RecordDeviceBindFailureHandler
{
    public static Task<CommandOutcome> Handle(RecordDeviceBindFailure command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        DeviceStream.DecideAsync(command, command.DeviceCode, session, messages, ct);
}
