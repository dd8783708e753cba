using Cabinets.Api.GraphQL;
using Cabinets.Domain.Access;
using Cabinets.Domain.Vending;
using Cabinets.GraphQL;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;
using Npgsql;

namespace Cabinets.Api.Vending.Statistics;

/// <summary>
/// The statistics queries of the admin schema (VENDING.md §4.6): `vendingSales`,
/// `paymentSuccessRate`, `deviceOnlineRate`, `dailyOperationsReport`, each over the async summed
/// tables of <see cref="Projections.Vending.Statistics.VendingStatisticsProjection"/>; `vending.read`.
/// </summary>
internal static class VendingStatisticsSchema
{
    public static SchemaBuilder Add(SchemaBuilder schema) => schema
        .Enum<VendingPaymentType>("VendingPaymentType") // shared with the order types; declaring it twice is one type
        .Enum<SalesDimension>("SalesDimension")
        .Object<SalesRow>("VendingSalesRow", t => t
            .Field("date", "Date", r => r.Date)
            .Field("storeCode", "String", r => r.StoreCode)
            .Field("deviceCode", "String", r => r.DeviceCode)
            .Field("productCode", "String", r => r.ProductCode)
            .Field("productName", "String", r => r.ProductName)
            .Field("paymentType", "VendingPaymentType", r => r.PaymentType)
            .Field("orderCount", "Int!", r => r.OrderCount)
            .Field("soldQuantity", "Int!", r => checked((int)r.SoldQuantity))
            .Field("refundedQuantity", "Int!", r => checked((int)r.RefundedQuantity))
            .Field("grossAmount", "Long!", r => r.GrossAmount)
            .Field("refundAmount", "Long!", r => r.RefundAmount)
            .Field("netAmount", "Long!", r => r.NetAmount)
            .Field("ticketsCollected", "Long!", r => r.TicketsCollected)
            .Field("ticketsRefunded", "Long!", r => r.TicketsRefunded))
        .Object<PaymentSuccessStats>("PaymentSuccessStats", t => t
            .Field("started", "Int!", s => s.Started)
            .Field("succeededFirstTime", "Int!", s => s.SucceededFirstTime)
            .Field("failed", "Int!", s => s.Failed)
            .Field("pending", "Int!", s => s.Pending)
            .Field("rate", "Float", s => s.Rate))
        .Object<DeviceOnlineReport>("DeviceOnlineReport", t => t
            .Field("rows", "[DeviceOnlineRow!]!", r => r.Rows)
            .Field("onlineSeconds", "Long!", r => r.OnlineSeconds)
            .Field("observedSeconds", "Long!", r => r.ObservedSeconds)
            .Field("rate", "Float", r => r.Rate))
        .Object<DeviceOnlineRow>("DeviceOnlineRow", t => t
            .Field("deviceCode", "String!", r => r.DeviceCode)
            .Field("storeCode", "String!", r => r.StoreCode)
            .Field("onlineSeconds", "Long!", r => r.OnlineSeconds)
            .Field("observedSeconds", "Long!", r => r.ObservedSeconds)
            .Field("rate", "Float", r => r.Rate))
        .Object<DailyOperationsReport>("DailyOperationsReport", t => t
            .Field("date", "Date!", r => r.Date)
            .Field("final", "Boolean!", r => r.Final)
            .Field("total", "StoreDayFigures!", r => r.Total)
            .Field("stores", "[StoreDayFigures!]!", r => r.Stores))
        .Object<StoreDayFigures>("StoreDayFigures", t => t
            .Field("storeCode", "String", f => f.StoreCode)
            .Field("ordersRecorded", "Int!", f => f.OrdersRecorded)
            .Field("ordersPaid", "Int!", f => f.OrdersPaid)
            .Field("grossAmount", "Long!", f => f.GrossAmount)
            .Field("refundAmount", "Long!", f => f.RefundAmount)
            .Field("netAmount", "Long!", f => f.NetAmount)
            .Field("wechatNetAmount", "Long!", f => f.WechatNetAmount)
            .Field("ticketNetAmount", "Long!", f => f.TicketNetAmount)
            .Field("ticketsNet", "Long!", f => f.TicketsNet)
            .Field("paymentSuccessRate", "Float", f => f.PaymentSuccessRate)
            .Field("deviceOnlineRate", "Float", f => f.DeviceOnlineRate)
            .Field("exceptionOrdersRaised", "Int!", f => f.ExceptionOrdersRaised)
            .Field("exceptionOrdersPending", "Int!", f => f.ExceptionOrdersPending)
            .Field("manualTasksOpened", "Int!", f => f.ManualTasksOpened)
            .Field("manualTasksOpen", "Int!", f => f.ManualTasksOpen)
            .Field("complaintsFiled", "Int!", f => f.ComplaintsFiled)
            .Field("complaintsResolved", "Int!", f => f.ComplaintsResolved))
        .Query(q => q
            .Field("vendingSales", "[VendingSalesRow!]!", f => f
                .Description("Money and quantities moved per business day (Asia/Shanghai), grouped by any of the five dimensions.")
                .Argument("from", "Date!").Argument("to", "Date!").Argument("groupBy", "[SalesDimension!]!")
                .Argument("storeCode", "String").Argument("deviceCode", "String").Argument("productCode", "String")
                .Argument("paymentType", "VendingPaymentType")
                .RequirePermissions(Permissions.VendingRead)
                .ResolveAsync(async ctx =>
                {
                    var (from, to) = Window(ctx.Untyped);
                    var groupBy = (ctx.Arguments["groupBy"] as object?[] ?? []).OfType<SalesDimension>().Distinct().ToList();
                    return await VendingSales.QueryAsync(Db(ctx.Untyped), new SalesQuery(from, to, groupBy)
                    {
                        StoreCode = ctx.ArgumentOrDefault<string>("storeCode"),
                        DeviceCode = ctx.ArgumentOrDefault<string>("deviceCode"),
                        ProductCode = ctx.ArgumentOrDefault<string>("productCode"),
                        PaymentType = ctx.ArgumentOrDefault<VendingPaymentType?>("paymentType"),
                    }, ctx.CancellationToken);
                }))
            .Field("paymentSuccessRate", "PaymentSuccessStats!", f => f
                .Description("Charges started in the window (by their first ChargeStarted) and how they went.")
                .Argument("from", "Date!").Argument("to", "Date!").Argument("storeCode", "String").Argument("paymentType", "VendingPaymentType")
                .RequirePermissions(Permissions.VendingRead)
                .ResolveAsync(async ctx =>
                {
                    var (from, to) = Window(ctx.Untyped);
                    return await PaymentSuccessRates.QueryAsync(Db(ctx.Untyped), from, to, ctx.ArgumentOrDefault<string>("storeCode"),
                        ctx.ArgumentOrDefault<VendingPaymentType?>("paymentType"), ctx.CancellationToken);
                }))
            .Field("deviceOnlineRate", "DeviceOnlineReport!", f => f
                .Description("Seconds observed (registered, not decommissioned) and online per device, time-weighted; unknown status counts as offline.")
                .Argument("from", "Date!").Argument("to", "Date!").Argument("storeCode", "String").Argument("deviceCode", "String")
                .RequirePermissions(Permissions.VendingRead)
                .ResolveAsync(async ctx =>
                {
                    var (from, to) = Window(ctx.Untyped);
                    return await DeviceOnlineRates.QueryAsync(Db(ctx.Untyped), from, to, ctx.ArgumentOrDefault<string>("storeCode"),
                        ctx.ArgumentOrDefault<string>("deviceCode"), Now(ctx.Untyped), ctx.CancellationToken);
                }))
            .Field("dailyOperationsReport", "DailyOperationsReport!", f => f
                .Description("One business day per store and in total; `final` once 02:00 of the next day passed.")
                .Argument("date", "Date!")
                .RequirePermissions(Permissions.VendingRead)
                .ResolveAsync(async ctx => await DailyOperationsReports.BuildAsync(Db(ctx.Untyped), ctx.Argument<DateOnly>("date"), Now(ctx.Untyped),
                    ctx.CancellationToken))));

    private static (DateOnly From, DateOnly To) Window(ResolveContext ctx)
    {
        var (from, to) = (ctx.Argument<DateOnly>("from"), ctx.Argument<DateOnly>("to"));
        if (to < from) throw new GraphQLException(new GraphQLError("to: is before from", code: "VALIDATION",
            extensions: new Dictionary<string, object?> { ["field"] = "to" }));
        return (from, to);
    }

    private static NpgsqlDataSource Db(ResolveContext ctx) => GraphQLRequestContext.Of(ctx).Service<NpgsqlDataSource>();

    private static DateTimeOffset Now(ResolveContext ctx) => GraphQLRequestContext.Of(ctx).Service<TimeProvider>().GetUtcNow();
}
