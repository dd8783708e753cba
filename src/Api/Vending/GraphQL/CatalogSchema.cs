using Cabinets.Api.GraphQL;
using Cabinets.Api.GraphQL.Connections;
using Cabinets.Api.Vending.Handlers.Catalog;
using Cabinets.Domain.Access;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Catalog;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;

namespace Cabinets.Api.Vending.GraphQL;

/// <summary>
/// Stores, devices and products in the admin schema (VENDING.md §4.6): their lists and look-ups
/// (`vending.read`), the store and device mutations and `syncProducts` (`vending.stores.manage`).
/// A device's binding goes to the vendor through the outbox: the answer shows it `BINDING`.
/// Stores are never deleted (§4.6 has no such mutation), so `STORE_HAS_DEVICES` has no source.
/// </summary>
internal static class CatalogSchema
{
    public static SchemaBuilder Add(SchemaBuilder schema) => schema
        .Enum<StoreType>("StoreType")
        .Enum<StoreProperty>("StoreProperty")
        .Enum<DeviceOnlineStatus>("DeviceOnlineStatus")
        .Enum<DeviceBindStatus>("DeviceBindStatus")
        .Enum<ProductStatus>("ProductStatus")
        .AddConnection(VendingLists.Stores)
        .AddConnection(VendingLists.Devices)
        .AddConnection(VendingLists.Products)
        .InputObject("RegisterStoreInput", i => i
            .Field("storeCode", "String!").Field("storeName", "String!").Field("storeType", "StoreType!").Field("storeProperty", "StoreProperty!")
            .Field("address", "String!").Field("phone", "String!")
            .Field("amountLimit", "Long", v => v.Description("Fen, 1..10,000,000; an order above it is held for review. Left out: `Vending:DefaultAmountLimit` (20,000).")))
        .InputObject("UpdateStoreInput", i => i
            .Field("storeCode", "String!").Field("storeName", "String").Field("storeType", "StoreType").Field("storeProperty", "StoreProperty")
            .Field("address", "String").Field("phone", "String").Field("amountLimit", "Long").Field("enabled", "Boolean"))
        .InputObject("RegisterDeviceInput", i => i
            .Field("deviceCode", "String!").Field("storeCode", "String!")
            .Field("qrCode", "String", v => v.Description("Defaults to the code the vendor prints for the device.")))
        .Query(q => q
            .Field("stores", VendingLists.Stores.ConnectionType() + "!", f => f
                .RequirePermissions(Permissions.VendingRead)
                .UseVendingConnection(VendingLists.Stores))
            .Field("store", "Store", f => f
                .Argument("storeCode", "String!")
                .RequirePermissions(Permissions.VendingRead)
                .ResolveAsync(async ctx => (object?)await VendingLoaders.StoreAsync(ctx.Untyped, ctx.Argument<string>("storeCode"))))
            .Field("devices", VendingLists.Devices.ConnectionType() + "!", f => f
                .RequirePermissions(Permissions.VendingRead)
                .UseVendingConnection(VendingLists.Devices))
            .Field("device", "Device", f => f
                .Argument("deviceCode", "String!")
                .RequirePermissions(Permissions.VendingRead)
                .ResolveAsync(async ctx => (object?)await VendingLoaders.DeviceAsync(ctx.Untyped, ctx.Argument<string>("deviceCode"))))
            .Field("products", VendingLists.Products.ConnectionType() + "!", f => f
                .Description("The catalog as last pulled from the ERP.")
                .RequirePermissions(Permissions.VendingRead)
                .UseVendingConnection(VendingLists.Products))
            .Field("product", "Product", f => f
                .Argument("productCode", "String!")
                .RequirePermissions(Permissions.VendingRead)
                .ResolveAsync(async ctx => (object?)await VendingLoaders.ProductAsync(ctx.Untyped, ctx.Argument<string>("productCode")))))
        .Object<StoreState>("Store", t => t
            .Field("storeCode", "String!", s => s.StoreCode)
            .Field("storeName", "String!", s => s.StoreName)
            .Field("storeType", "StoreType!", s => s.StoreType)
            .Field("storeProperty", "StoreProperty!", s => s.StoreProperty)
            .Field("address", "String!", s => s.Address)
            .Field("phone", "String!", s => s.Phone)
            .Field("amountLimit", "Long!", s => s.AmountLimit)
            .Field("enabled", "Boolean!", s => s.Enabled)
            .Field("createdAt", "DateTime!", s => s.CreatedAt)
            .Field("devices", VendingLists.Devices.ConnectionType() + "!", f => f
                .UseVendingConnection(VendingLists.Devices, ctx => Task.FromResult(
                    VendingConnections.Equal(VendingLists.InStoreColumn, ((StoreState)ctx.Source!).StoreCode)))))
        .Object<DeviceState>("Device", t => t
            .Field("deviceCode", "String!", d => d.DeviceCode)
            .Field("store", "Store!", f => f.ResolveAsync(async ctx => (object?)await VendingLoaders.StoreAsync(ctx.Untyped, ctx.Source.StoreCode)))
            .Field("onlineStatus", "DeviceOnlineStatus!", d => d.OnlineStatus)
            .Field("statusReportedAt", "DateTime", d => d.StatusReportedAt)
            .Field("qrCode", "String!", d => d.QrCode)
            .Field("bindStatus", "DeviceBindStatus!", d => d.BindStatus)
            .Field("decommissioned", "Boolean!", d => d.Decommissioned)
            .Field("createdAt", "DateTime!", d => d.CreatedAt))
        .Object<ProductState>("Product", t => t
            .Field("productCode", "String!", p => p.ProductCode)
            .Field("name", "String!", p => p.Name)
            .Field("price", "Long!", p => p.Price)
            .Field("category", "String!", p => p.Category)
            .Field("status", "ProductStatus!", p => p.Status)
            .Field("erpUpdatedAt", "DateTime!", p => p.ErpUpdatedAt)
            .Field("syncedAt", "DateTime!", p => p.SyncedAt))
        .Object<ProductSyncRun>("ProductSyncRun", t => t
            .Field("syncId", "ID!", r => r.SyncId)
            .Field("requestedAt", "DateTime!", r => r.RequestedAt))
        .Mutation(m => m
            .Field("registerStore", "Store!", f => f
                .Argument("input", "RegisterStoreInput!")
                .RequirePermissions(Permissions.VendingStoresManage)
                .ResolveAsync(async ctx =>
                {
                    var input = InputFields.Obj(ctx.Arguments["input"]);
                    var code = input.Str("storeCode");
                    await VendingRequests.SendAsync(ctx.Untyped, new RegisterStore(code, input.Str("storeName"), (StoreType)input["storeType"]!,
                        (StoreProperty)input["storeProperty"]!, input.Str("address"), input.Str("phone"),
                        input.OptLong("amountLimit") ?? GraphQLRequestContext.Of(ctx.Untyped).Service<VendingSettings>().DefaultAmountLimit, VendingRequests.Now(ctx.Untyped)));
                    return (object?)await VendingLoaders.StoreAsync(ctx.Untyped, code);
                }))
            .Field("updateStore", "Store!", f => f
                .Description("Changes the given fields; a new amount limit holds for orders pushed from now on.")
                .Argument("input", "UpdateStoreInput!")
                .RequirePermissions(Permissions.VendingStoresManage)
                .ResolveAsync(async ctx =>
                {
                    var input = InputFields.Obj(ctx.Arguments["input"]);
                    var code = input.Str("storeCode");
                    await VendingRequests.SendAsync(ctx.Untyped, new UpdateStore(code, input.OptStr("storeName"), input.OptEnum<StoreType>("storeType"),
                        input.OptEnum<StoreProperty>("storeProperty"), input.OptStr("address"), input.OptStr("phone"), input.OptLong("amountLimit"),
                        input.GetValueOrDefault("enabled") as bool?, VendingRequests.Now(ctx.Untyped)));
                    return (object?)await VendingLoaders.StoreAsync(ctx.Untyped, code);
                }))
            .Field("registerDevice", "Device!", f => f
                .Description("Registers the device and asks the vendor to bind it (BINDING until the vendor answers).")
                .Argument("input", "RegisterDeviceInput!")
                .RequirePermissions(Permissions.VendingStoresManage)
                .ResolveAsync(async ctx =>
                {
                    var input = InputFields.Obj(ctx.Arguments["input"]);
                    var code = input.Str("deviceCode");
                    await VendingRequests.SendAsync(ctx.Untyped, new RegisterDevice(code, input.Str("storeCode"), input.OptStr("qrCode"),
                        DeviceStream.NewRequestId(), null, null, VendingRequests.Now(ctx.Untyped)));
                    return (object?)await VendingLoaders.DeviceAsync(ctx.Untyped, code);
                }))
            .Field("moveDevice", "Device!", f => f
                .Description("Unbinds the device at the vendor, then binds it to the other store.")
                .Argument("deviceCode", "String!").Argument("storeCode", "String!")
                .RequirePermissions(Permissions.VendingStoresManage)
                .ResolveAsync(async ctx =>
                {
                    var code = ctx.Argument<string>("deviceCode");
                    await VendingRequests.SendAsync(ctx.Untyped, new MoveDevice(code, ctx.Argument<string>("storeCode"), DeviceStream.NewRequestId(), null,
                        VendingRequests.Now(ctx.Untyped)), fieldPrefix: "");
                    return (object?)await VendingLoaders.DeviceAsync(ctx.Untyped, code);
                }))
            .Field("decommissionDevice", "Device!", f => f
                .Description("Takes the device out of service for good and unbinds it at the vendor.")
                .Argument("deviceCode", "String!")
                .RequirePermissions(Permissions.VendingStoresManage)
                .ResolveAsync(async ctx =>
                {
                    var code = ctx.Argument<string>("deviceCode");
                    await VendingRequests.SendAsync(ctx.Untyped, new DecommissionDevice(code, DeviceStream.NewRequestId(), VendingRequests.Now(ctx.Untyped)), fieldPrefix: "");
                    return (object?)await VendingLoaders.DeviceAsync(ctx.Untyped, code);
                }))
            .Field("syncProducts", "ProductSyncRun!", f => f
                .Description("Pulls the products changed at the ERP since the last completed pull, now (the schedule does it every few minutes).")
                .RequirePermissions(Permissions.VendingStoresManage)
                .ResolveAsync(async ctx => await VendingRequests.SendAsync(ctx.Untyped,
                    new RequestProductSync("manual-" + Guid.NewGuid().ToString("N")[..16], VendingRequests.Now(ctx.Untyped)), fieldPrefix: ""))));

}
