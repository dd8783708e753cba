using Cabinets.Api.Hosting;
using Npgsql;

namespace Cabinets.Api.Lockers.Parcels;

/// <summary>
/// Five wrong codes within ten minutes at one bank lock its code entry for the next ten minutes
/// (IBS-PROTOCOL.md §7, error 2008). Failures are rows in `lockers.pickup_failures`, not events: a
/// wrong code changes nothing, and every node sees the same count. Attempts during a lock are not
/// counted, so a lock ends ten minutes after the failure that started it.
/// </summary>
public sealed class PickupLockout(NpgsqlDataSource db, TimeProvider clock) : FailureLockout(db, clock, "lockers.pickup_failures", "serial_number")
{
    /// <summary>A pickup without a serial counts against one shared bucket: it cannot be told apart by bank.</summary>
    public static string Bucket(string? serial) => string.IsNullOrEmpty(serial) ? "" : serial;

    public Task<DateTimeOffset?> LockedUntilAsync(string? serial, CancellationToken ct) => KeyLockedUntilAsync(Bucket(serial), ct);

    public Task RecordFailureAsync(string? serial, CancellationToken ct) => RecordKeyFailureAsync(Bucket(serial), ct);
}
