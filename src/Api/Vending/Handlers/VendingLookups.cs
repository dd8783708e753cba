using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Catalog;
using Cabinets.Domain.Vending.Orders;
using Cabinets.Domain.Vending.Sessions;
using Cabinets.Projections.Vending.Catalog;
using Cabinets.Projections.Vending.Orders;
using Cabinets.Projections.Vending.Sessions;
using Marten;

namespace Cabinets.Api.Vending.Handlers;

/// <summary>The reads a vending decision needs besides the streams it writes: by index on the inline snapshots.</summary>
public static class VendingLookups
{
    private static readonly string[] UnpaidStatuses =
        [nameof(VendingPaymentStatus.AwaitingReview), nameof(VendingPaymentStatus.Paying), nameof(VendingPaymentStatus.Failed)];

    /// <summary>The user's unpaid orders (§1.6: awaiting review, paying, failed), oldest first.</summary>
    public static async Task<IReadOnlyList<string>> UnpaidOrderNosAsync(IQuerySession session, string userId, CancellationToken ct) =>
        (await session.Query<VendingOrderSnapshot>()
            .Where(o => o.UserId == userId && o.PaymentStatus.IsOneOf(UnpaidStatuses))
            .OrderBy(o => o.OrderTime).Select(o => o.OrderNo).ToListAsync(ct)).ToList();

    public static async Task<VendingSessionState?> LatestSessionAsync(IQuerySession session, string userId, CancellationToken ct) =>
        (await session.Query<VendingSessionSnapshot>().Where(s => s.UserId == userId).OrderByDescending(s => s.CreatedAt).FirstOrDefaultAsync(ct))?.State;

    public static async Task<(DeviceState Device, StoreState Store)?> DeviceByQrAsync(IQuerySession session, string qrCode, CancellationToken ct)
    {
        var device = (await session.Query<VendingDeviceSnapshot>().Where(d => d.QrCode == qrCode).FirstOrDefaultAsync(ct))?.State;
        if (device is null) return null;
        var store = (await session.LoadAsync<VendingStoreSnapshot>(VendingEventNames.Store(device.StoreCode), ct))?.State;
        return store is null ? null : (device, store);
    }

    public static async Task<StoreState?> StoreAsync(IQuerySession session, string storeCode, CancellationToken ct) =>
        (await session.LoadAsync<VendingStoreSnapshot>(VendingEventNames.Store(storeCode), ct))?.State;

    public static async Task<DeviceState?> DeviceAsync(IQuerySession session, string deviceCode, CancellationToken ct) =>
        (await session.LoadAsync<VendingDeviceSnapshot>(VendingEventNames.Device(deviceCode), ct))?.State;

    public static async Task<IReadOnlyDictionary<string, CatalogPrice>> CatalogAsync(IQuerySession session, IEnumerable<string> productCodes, CancellationToken ct)
    {
        var ids = productCodes.Distinct(StringComparer.Ordinal).Select(VendingEventNames.Product).ToArray();
        if (ids.Length == 0) return new Dictionary<string, CatalogPrice>();
        var products = await session.LoadManyAsync<VendingProductSnapshot>(ct, ids);
        return products.Where(p => p.State is not null).ToDictionary(p => p.State!.ProductCode, p => new CatalogPrice(p.State!.ProductCode, p.State.Name, p.State.Price), StringComparer.Ordinal);
    }

    public static async Task<VendingReference?> ReferenceAsync(IQuerySession session, string number, CancellationToken ct) =>
        await session.LoadAsync<VendingReference>(number, ct);
}
