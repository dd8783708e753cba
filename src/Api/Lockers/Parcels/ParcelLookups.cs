using Cabinets.Domain.Lockers.Parcels;
using Cabinets.Projections.Lockers.Parcels;
using Marten;

namespace Cabinets.Api.Lockers.Parcels;

/// <summary>The firmware's look-ups over the inline parcel snapshots (consistent with the last command).</summary>
public static class ParcelLookups
{
    private static readonly string Booked = ParcelSnapshot.StatusName(ParcelStatus.Booked);
    private static readonly string Stored = ParcelSnapshot.StatusName(ParcelStatus.Stored);
    private static readonly string Overdue = ParcelSnapshot.StatusName(ParcelStatus.Overdue);
    private static readonly string PickedUp = ParcelSnapshot.StatusName(ParcelStatus.PickedUp);

    /// <summary>Parcels of this bank with this order number that a deposit may be about: booked, or already stored (a repeat).</summary>
    public static Task<IReadOnlyList<ParcelSnapshot>> ForDepositAsync(IQuerySession session, string serial, string orderNumber, CancellationToken ct) =>
        session.Query<ParcelSnapshot>()
            .Where(p => p.SerialNumber == serial && p.OrderNumber == orderNumber && (p.Status == Booked || p.Status == Stored || p.Status == Overdue))
            .ToListAsync(ct);

    /// <summary>`synchronize_order_info`: everything booked for this bank and not yet deposited.</summary>
    public static Task<IReadOnlyList<ParcelSnapshot>> PendingAsync(IQuerySession session, string serial, CancellationToken ct) =>
        session.Query<ParcelSnapshot>().Where(p => p.SerialNumber == serial && p.Status == Booked).OrderBy(p => p.BookedAt).ToListAsync(ct);

    /// <summary>Parcels a typed code may open: in a locker, or picked up within the repeat window (the firmware lost the answer).</summary>
    public static Task<IReadOnlyList<ParcelSnapshot>> ForCodeAsync(IQuerySession session, string? serial, string codeHash, DateTimeOffset repeatSince, CancellationToken ct)
    {
        var query = session.Query<ParcelSnapshot>().Where(p => p.CodeHash == codeHash);
        if (!string.IsNullOrEmpty(serial)) query = query.Where(p => p.SerialNumber == serial);
        return query.Where(p => p.Status == Stored || p.Status == Overdue || (p.Status == PickedUp && p.PickedUpAt >= repeatSince)).ToListAsync(ct);
    }

    /// <summary>Another parcel in a locker of this bank with the same code (2009).</summary>
    public static async Task<string?> CodeTakenAsync(IQuerySession session, string serial, string codeHash, CancellationToken ct) =>
        (await session.Query<ParcelSnapshot>()
            .Where(p => p.SerialNumber == serial && p.CodeHash == codeHash && (p.Status == Stored || p.Status == Overdue))
            .Select(p => p.RecordNumber).ToListAsync(ct)).FirstOrDefault();

    /// <summary>The partner's active booking for an order number, if any.</summary>
    public static async Task<string?> ActiveForOrderAsync(IQuerySession session, string partnerId, string orderNumber, CancellationToken ct) =>
        (await session.Query<ParcelSnapshot>()
            .Where(p => p.PartnerId == partnerId && p.OrderNumber == orderNumber && (p.Status == Booked || p.Status == Stored))
            .Select(p => p.RecordNumber).ToListAsync(ct)).FirstOrDefault();
}
