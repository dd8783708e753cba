using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Catalog;
using Cabinets.GraphQL.Execution;
using Cabinets.Projections.Vending.Catalog;
using Cabinets.Projections.Vending.Complaints;
using Cabinets.Projections.Vending.ManualTasks;
using Cabinets.Projections.Vending.Orders;
using Cabinets.Projections.Vending.Sessions;
using Cabinets.Projections.Vending.Users;
using Marten;

namespace Cabinets.Api.Vending.GraphQL;

/// <summary>
/// The vending snapshots a page refers to (an order's store, device, user, session; a device's store),
/// loaded once per request and kind by their stream ids, whatever the number of rows on the page.
/// </summary>
internal static class VendingLoaders
{
    public static Task<StoreState?> StoreAsync(ResolveContext ctx, string storeCode) =>
        Load<VendingStoreSnapshot, StoreState>(ctx, "vendingStores", VendingEventNames.Store(storeCode), s => s.Id, s => s.State);

    public static Task<DeviceState?> DeviceAsync(ResolveContext ctx, string deviceCode) =>
        Load<VendingDeviceSnapshot, DeviceState>(ctx, "vendingDevices", VendingEventNames.Device(deviceCode), s => s.Id, s => s.State);

    public static Task<VendingUserSnapshot?> UserAsync(ResolveContext ctx, string userId) =>
        Load<VendingUserSnapshot, VendingUserSnapshot>(ctx, "vendingUsers", VendingEventNames.User(userId), s => s.Id, s => s);

    public static Task<VendingOrderSnapshot?> OrderAsync(ResolveContext ctx, string orderNo) =>
        Load<VendingOrderSnapshot, VendingOrderSnapshot>(ctx, "vendingOrders", VendingEventNames.Order(orderNo), s => s.Id, s => s);

    public static Task<VendingSessionSnapshot?> SessionAsync(ResolveContext ctx, string sessionNo) =>
        Load<VendingSessionSnapshot, VendingSessionSnapshot>(ctx, "vendingSessions", VendingEventNames.Session(sessionNo), s => s.Id, s => s);

    public static Task<ProductState?> ProductAsync(ResolveContext ctx, string productCode) =>
        Load<VendingProductSnapshot, ProductState>(ctx, "vendingProducts", VendingEventNames.Product(productCode), s => s.Id, s => s.State);

    public static Task<ComplaintSnapshot?> ComplaintAsync(ResolveContext ctx, string complaintId) =>
        Load<ComplaintSnapshot, ComplaintSnapshot>(ctx, "vendingComplaints", VendingEventNames.Complaint(complaintId), s => s.Id, s => s.State is null ? null : s);

    public static Task<ManualTaskSnapshot?> TaskAsync(ResolveContext ctx, string taskId) =>
        Load<ManualTaskSnapshot, ManualTaskSnapshot>(ctx, "vendingTasks", VendingEventNames.Task(taskId), s => s.Id, s => s.State is null ? null : s);

    /// <summary>The manual tasks opened about an order (open or not), oldest first.</summary>
    public static Task<IReadOnlyList<ManualTaskSnapshot>> ManualTasksOfOrderAsync(ResolveContext ctx, string orderNo) =>
        ctx.DataLoader<string, IReadOnlyList<ManualTaskSnapshot>>("vendingOrderTasks", async (orderNos, ct) =>
        {
            await using var session = Session(ctx);
            var list = orderNos.ToList();
            var tasks = await session.Query<ManualTaskSnapshot>().Where(t => list.Contains(t.OrderNo!)).ToListAsync(ct);
            return orderNos.ToDictionary(o => o, o => (IReadOnlyList<ManualTaskSnapshot>)tasks.Where(t => t.OrderNo == o)
                .OrderBy(t => t.State?.OpenedAt).ToList());
        }).LoadAsync(orderNo);

    /// <summary>A session of its own per use: resolvers of one query run concurrently, and a Marten session is not thread-safe.</summary>
    public static IQuerySession Session(ResolveContext ctx) => Cabinets.Api.GraphQL.GraphQLRequestContext.Of(ctx).Service<IDocumentStore>().QuerySession();

    public static ISerializer Serializer(ResolveContext ctx) => Cabinets.Api.GraphQL.GraphQLRequestContext.Of(ctx).Service<IDocumentStore>().Options.Serializer();

    private static async Task<TValue?> Load<TSnapshot, TValue>(ResolveContext ctx, string name, string id, Func<TSnapshot, string> idOf, Func<TSnapshot, TValue?> value)
        where TSnapshot : notnull where TValue : class =>
        await ctx.DataLoader<string, TValue?>(name, async (ids, ct) =>
        {
            await using var session = Session(ctx);
            var found = await session.LoadManyAsync<TSnapshot>(ct, ids);
            return found.ToDictionary(idOf, value);
        }).LoadAsync(id);
}
