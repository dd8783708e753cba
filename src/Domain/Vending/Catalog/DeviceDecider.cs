using Cabinets.Domain.Deciding;

namespace Cabinets.Domain.Vending.Catalog;

public abstract record DeviceCommand(string DeviceCode, DateTimeOffset Now);

/// <summary>
/// `registerDevice`: <paramref name="Store"/> is the store it stands in (null: no such store) and
/// <paramref name="QrCodeHolder"/> the device that already has this QR code, both looked up by the handler.
/// </summary>
public sealed record RegisterDevice(string DeviceCode, string StoreCode, string? QrCode, string RequestId, StoreState? Store, string? QrCodeHolder,
    DateTimeOffset Now) : DeviceCommand(DeviceCode, Now);

public sealed record MoveDevice(string DeviceCode, string StoreCode, string RequestId, StoreState? Store, DateTimeOffset Now) : DeviceCommand(DeviceCode, Now);

public sealed record DecommissionDevice(string DeviceCode, string RequestId, DateTimeOffset Now) : DeviceCommand(DeviceCode, Now);

/// <summary>The vendor bound the device (its answer to the bind of <paramref name="RequestId"/>).</summary>
public sealed record ConfirmDeviceBound(string DeviceCode, string RequestId, DateTimeOffset Now) : DeviceCommand(DeviceCode, Now);

/// <summary>The vendor unbound the device; for a move, it also bound it to its new store (<paramref name="Rebound"/>).</summary>
public sealed record ConfirmDeviceUnbound(string DeviceCode, string RequestId, bool Rebound, DateTimeOffset Now) : DeviceCommand(DeviceCode, Now);

/// <summary>One report of the vendor's device-status push (§4.2).</summary>
public sealed record ReportDeviceStatus(string DeviceCode, DeviceOnlineStatus Status, DateTimeOffset ReportedAt, DateTimeOffset Now) : DeviceCommand(DeviceCode, Now);

/// <summary>One device-status push of the vendor (VENDING.md §4.2): up to 500 reports, applied in one transaction.</summary>
public sealed record ReportDeviceStatuses(IReadOnlyList<ReportDeviceStatus> Reports, DateTimeOffset Now);

/// <summary>What the push answers: how many reports changed a device, how many were older news, which devices we do not know.</summary>
public sealed record DeviceStatusAnswer(int Applied, int Ignored, IReadOnlyList<string> UnknownDevices);

/// <summary>What a report did: applied (the latest so far) or ignored (not later than the one that set the status).</summary>
public enum StatusReportOutcome { Applied, Ignored }

/// <summary>
/// A device's rules (VENDING.md §1.2, §2.10): registration binds it at the vendor, a move unbinds
/// it and binds it to the new store, a decommission unbinds it. The vendor's answers are recorded
/// only for the request the device is waiting for, so a late or repeated answer changes nothing.
/// The latest `reportedAt` sets the online status (§6.22).
/// </summary>
public static class DeviceDecider
{
    public static Decider<object, DeviceState?, object> Instance { get; } = new(null, DeviceState.Evolve, Decide);

    /// <summary>The default QR code of a device (§1.2).</summary>
    public static string DefaultQrCode(string deviceCode) => $"vending:device:{deviceCode}";

    /// <summary>The bind that follows the unbind of a move: its own idempotency key, made from the unbind's.</summary>
    public static string RebindRequestId(string unbindRequestId) => unbindRequestId + "-B";

    public static Decision<object> Decide(object command, DeviceState? state) => command switch
    {
        RegisterDevice c => Register(c, state),
        MoveDevice c => Move(c, state),
        DecommissionDevice c => Decommission(c, state),
        ConfirmDeviceBound c => state is { PendingRequestId: var pending, BindStatus: DeviceBindStatus.Binding or DeviceBindStatus.BindFailed } && pending == c.RequestId
            ? Decision<object>.Accept(new DeviceBound(c.DeviceCode, state.StoreCode, c.Now))
            : Decision<object>.Accept(),
        ConfirmDeviceUnbound c => Unbound(c, state),
        RecordDeviceBindFailure c => state is { PendingRequestId: var pending, BindStatus: DeviceBindStatus.Binding } && pending == c.RequestId
            ? Decision<object>.Accept(new DeviceBindFailed(c.DeviceCode, c.Code, c.Message, c.Now))
            : Decision<object>.Accept(),
        ReportDeviceStatus c => Report(c, state),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unhandled device command"),
    };

    /// <summary>Whether a bind of <paramref name="requestId"/> is still wanted (else the attempt calls nobody).</summary>
    public static bool AwaitsBind(DeviceState? state, string requestId) =>
        state is { BindStatus: DeviceBindStatus.Binding or DeviceBindStatus.BindFailed } && state.PendingRequestId == requestId;

    /// <summary>Whether an unbind of <paramref name="requestId"/> is still wanted.</summary>
    public static bool AwaitsUnbind(DeviceState? state, string requestId) =>
        state is { BindStatus: DeviceBindStatus.Unbinding } && state.PendingRequestId == requestId;

    private static Decision<object> Register(RegisterDevice c, DeviceState? state)
    {
        var qr = c.QrCode ?? DefaultQrCode(c.DeviceCode);
        var invalid = CatalogErrors.Code("deviceCode", c.DeviceCode) ?? CatalogErrors.Code("storeCode", c.StoreCode)
            ?? (qr.Length is 0 or > 200 || string.IsNullOrWhiteSpace(qr) ? CatalogErrors.Invalid("qrCode", "must be 1 to 200 characters") : null);
        if (invalid is not null) return invalid;
        if (state is not null) return Decision<object>.Reject(CatalogErrors.DuplicateCode, $"device {c.DeviceCode} already exists", "deviceCode");
        if (c.Store is null) return Decision<object>.Reject(CatalogErrors.NotFound, $"no store {c.StoreCode}", "storeCode");
        if (c.QrCodeHolder is not null) return Decision<object>.Reject(CatalogErrors.DuplicateCode, $"device {c.QrCodeHolder} already has this QR code", "qrCode");
        return Decision<object>.Accept(new DeviceRegistered(c.DeviceCode, c.StoreCode, qr, c.Now), new DeviceBindRequested(c.DeviceCode, c.StoreCode, c.RequestId, c.Now))
            .Send(Bind(c.RequestId, c.DeviceCode, c.Store));
    }

    private static Decision<object> Move(MoveDevice c, DeviceState? state)
    {
        if (CatalogErrors.Code("storeCode", c.StoreCode) is { } invalid) return invalid;
        if (state is null) return Decision<object>.Reject(CatalogErrors.NotFound, $"no device {c.DeviceCode}", "deviceCode");
        if (state.Decommissioned) return Decision<object>.Reject(CatalogErrors.Validation, $"device {c.DeviceCode} is decommissioned", "deviceCode");
        if (c.Store is null) return Decision<object>.Reject(CatalogErrors.NotFound, $"no store {c.StoreCode}", "storeCode");
        if (state.StoreCode == c.StoreCode) return Decision<object>.Reject(CatalogErrors.Validation, $"device {c.DeviceCode} already stands in {c.StoreCode}", "storeCode");
        var moved = new DeviceMoved(c.DeviceCode, state.StoreCode, c.StoreCode, c.Now);
        // Known to the vendor (bound, or a bind or unbind under way): unbind first; the unbind's attempt binds to the new store.
        return state.BindStatus is DeviceBindStatus.Bound or DeviceBindStatus.Binding or DeviceBindStatus.Unbinding
            ? Decision<object>.Accept(new DeviceUnbindRequested(c.DeviceCode, c.RequestId, c.Now), moved).Send(new VendorUnbindDevice(c.RequestId, c.DeviceCode))
            : Decision<object>.Accept(moved, new DeviceBindRequested(c.DeviceCode, c.StoreCode, c.RequestId, c.Now)).Send(Bind(c.RequestId, c.DeviceCode, c.Store));
    }

    private static Decision<object> Decommission(DecommissionDevice c, DeviceState? state)
    {
        if (state is null) return Decision<object>.Reject(CatalogErrors.NotFound, $"no device {c.DeviceCode}", "deviceCode");
        if (state.Decommissioned) return Decision<object>.Accept(); // already out of service: nothing more to do
        var decommissioned = new DeviceDecommissioned(c.DeviceCode, c.Now);
        return state.BindStatus switch
        {
            DeviceBindStatus.Bound or DeviceBindStatus.Binding => Decision<object>.Accept(decommissioned, new DeviceUnbindRequested(c.DeviceCode, c.RequestId, c.Now))
                .Send(new VendorUnbindDevice(c.RequestId, c.DeviceCode)),
            _ => Decision<object>.Accept(decommissioned), // unbinding already (its answer stands) or never bound
        };
    }

    private static Decision<object> Unbound(ConfirmDeviceUnbound c, DeviceState? state)
    {
        if (!AwaitsUnbind(state, c.RequestId)) return Decision<object>.Accept();
        if (!(state!.RebindPending && c.Rebound)) return Decision<object>.Accept(new DeviceUnbound(c.DeviceCode, c.Now));
        return Decision<object>.Accept(new DeviceUnbound(c.DeviceCode, c.Now), new DeviceBindRequested(c.DeviceCode, state.StoreCode, RebindRequestId(c.RequestId), c.Now),
            new DeviceBound(c.DeviceCode, state.StoreCode, c.Now));
    }

    private static Decision<object> Report(ReportDeviceStatus c, DeviceState? state)
    {
        if (state is null) return Decision<object>.Reject(CatalogErrors.NotFound, $"no device {c.DeviceCode}", "deviceCode");
        if (!Enum.IsDefined(c.Status)) return Decision<object>.Reject(CatalogErrors.Validation, "must be ONLINE or OFFLINE", "status");
        // A report as late as the one that set the status is a repeat or older news (§2.10).
        if (state.StatusReportedAt is { } last && c.ReportedAt <= last) return Decision<object>.Accept().AnswerWith(StatusReportOutcome.Ignored);
        return Decision<object>.Accept(new DeviceStatusChanged(c.DeviceCode, state.OnlineStatus, c.Status, c.ReportedAt, c.Now)).AnswerWith(StatusReportOutcome.Applied);
    }

    public static VendorBindDevice Bind(string requestId, string deviceCode, StoreState store) =>
        new(requestId, deviceCode, store.StoreCode, store.StoreName, store.Address);
}
