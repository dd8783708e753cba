using Cabinets.Api.GraphQL;
using System.Globalization;
using System.Text;
using Cabinets.Api.GraphQL.Connections;
using Cabinets.Domain.Access;
using Cabinets.Domain.Stations.Orders;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;
using Cabinets.Projections.Stations.OrderLines;
using Npgsql;
using static Cabinets.Api.Stations.GraphQL.StationEnums;
using static Cabinets.Api.Stations.StationViews;

namespace Cabinets.Api.Stations.GraphQL;

/// <summary>One row of the orders-by-SKU list, with its order as it stands now.</summary>
internal sealed record StationOrderLineRowView(StationLineRow Row, StationOrderView Order)
{
    /// <summary>The order's own line; built from the row while the order view has not yet seen it.</summary>
    public OrderLineView Line => new(Order.State, Order.State.Lines.FirstOrDefault(l => l.SkuId == Row.SkuId)
        ?? new StationOrderLine(Row.SkuId, Row.SpuId, Row.Quantity, Row.UnitPrice, Row.IsPriceTiming, Row.SpuRemark, Row.TaxRate, Row.IsSetTax, null, null));

    public LineFigures Real => LineFigures.Of(Row.RealQuantity ?? Row.Quantity, Row.RealUnitPrice ?? Row.UnitPrice, Row.TaxRate);
}

/// <summary>
/// `stationOrderLines` (TAX.md §4.3): the REST `order_sku_list` (§2.9) as a connection, over the same
/// async order-lines model and query. Its order is fixed by `sort` (ties by creation, order, SKU),
/// so its cursors are positions in that order.
/// </summary>
internal static class StationOrderLineSchema
{
    public enum LineQueryType { OrderTime, OperationCycle, ReceiveTime }

    public static SchemaBuilder Add(SchemaBuilder schema) => schema
        .Enum<LineQueryType>("StationLineQueryType")
        .Enum<StationLineSort>("StationLineSort")
        .InputObject("StationOrderLinesInput", i => i
            .Field("queryType", "StationLineQueryType!").Field("startDate", "Date").Field("endDate", "Date")
            .Field("timeConfigId", "String").Field("cycleStartTime", "DateTime").Field("cycleEndTime", "DateTime")
            .Field("receiveStartDate", "Date").Field("receiveEndDate", "Date").Field("searchText", "String")
            .Field("status", "StationOrderStatus").Field("payStatus", "StationPayStatus").Field("routeId", "Int")
            .Field("isPriceTiming", "Boolean").Field("salemenuId", "String").Field("category1Ids", "[String!]")
            .Field("category2Ids", "[String!]").Field("pinleiIds", "[String!]").Field("isWeigh", "Boolean").Field("weighted", "Boolean")
            .Field("sort", "StationLineSort", f => f.DefaultValue(StationLineSort.DateDesc)))
        .Object<StationOrderLineRowView>("StationOrderLineRow", t => t
            .Field("order", "StationOrder!", r => r.Order)
            .Field("line", "StationOrderLine!", r => r.Line)
            .Field("realQuantity", "Decimal!", r => StationMoney.Qty(r.Row.RealQuantity ?? r.Row.Quantity))
            .Field("realItemPrice", "Long!", r => r.Real.Amount)
            .Field("realTax", "Long!", r => r.Real.Tax)
            .Field("realItemPriceWithoutTax", "Long!", r => r.Real.AmountWithoutTax)
            .Field("weighted", "Boolean!", r => r.Row.Weighted))
        .Object<Connection<StationOrderLineRowView>>("StationOrderLineRowConnection", t => t
            .Field("edges", "[StationOrderLineRowEdge!]", f => f.Cost(0).ResolveFromSource(c => c.Edges))
            .Field("nodes", "[StationOrderLineRow!]", f => f.Cost(0).ResolveFromSource(c => c.Nodes))
            .Field("pageInfo", "PageInfo!", f => f.Cost(0).ResolveFromSource(c => c.PageInfo))
            .Field("totalCount", "Int!", f => f.Cost(0).ResolveAsync(ctx => ctx.Source.TotalCountAsync(ctx.CancellationToken))))
        .Object<Edge<StationOrderLineRowView>>("StationOrderLineRowEdge", t => t
            .Field("cursor", "String!", f => f.Cost(0).ResolveFromSource(e => e.Cursor))
            .Field("node", "StationOrderLineRow!", f => f.Cost(0).ResolveFromSource(e => e.Node)))
        .Query(q => q
            .Field("stationOrderLines", "StationOrderLineRowConnection!", f => f
                .Description("The caller's station's order lines by SKU (order_sku_list), filtered, sorted and paged in the database.")
                .Argument("filter", "StationOrderLinesInput!")
                .Argument("first", "Int").Argument("after", "String").Argument("last", "Int").Argument("before", "String")
                .RequirePermissions(Permissions.StationRead)
                .Cost(1, "first", "last")
                .AssumedSize(PageArgs.DefaultSize)
                .ResolveAsync(ctx => ResolveAsync(ctx.Untyped))));

    private static async Task<Connection<StationOrderLineRowView>> ResolveAsync(ResolveContext ctx)
    {
        var filter = Filter(InputFields.Obj(ctx.Arguments["filter"]), StationRequests.StationOf(ctx));
        var first = ctx.ArgumentOrDefault<int?>("first");
        var last = ctx.ArgumentOrDefault<int?>("last");
        if (first is not null && last is not null) throw ConnectionErrors.BadInput("Pass either \"first\" or \"last\", not both.", "last");
        var size = first ?? last ?? PageArgs.DefaultSize;
        if (size is < 0 or > PageArgs.MaxSize) throw ConnectionErrors.BadInput($"A page holds 0 to {PageArgs.MaxSize} items.", first is null ? "last" : "first");
        var after = Position(ctx.ArgumentOrDefault<string>("after"), "after");
        var before = Position(ctx.ArgumentOrDefault<string>("before"), "before");

        var db = StationRequests.Service<NpgsqlDataSource>(ctx);
        var start = after is { } a ? a + 1 : 0;
        var end = before; // exclusive
        if (last is not null)
        {
            var stop = end ?? (int)(await StationOrderLineQueries.QueryAsync(db, filter, 0, 1, ctx.CancellationToken)).Count;
            start = Math.Max(start, stop - size);
            end = stop;
        }
        var take = Math.Max(0, Math.Min(size, (end ?? int.MaxValue) - start));
        var (count, rows) = await StationOrderLineQueries.QueryAsync(db, filter, start, take, ctx.CancellationToken);

        var orders = new Dictionary<string, StationOrderView>(StringComparer.Ordinal);
        foreach (var id in rows.Select(r => r.OrderId).Distinct(StringComparer.Ordinal))
            if (await StationOrderSchema.LoadAsync(ctx, id) is { } order) orders[id] = order;
        var edges = rows.Select((r, i) => (Row: r, Index: start + i)).Where(x => orders.ContainsKey(x.Row.OrderId))
            .Select(x => new Edge<StationOrderLineRowView>(Cursor(x.Index), new StationOrderLineRowView(x.Row, orders[x.Row.OrderId]))).ToList();
        var pageInfo = new PageInfo(start + rows.Count < Math.Min(count, end ?? long.MaxValue), start > 0,
            edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor);
        return new Connection<StationOrderLineRowView>(edges, pageInfo, (int)count, _ => Task.FromResult((int)count));
    }

    private static StationLineFilter Filter(IReadOnlyDictionary<string, object?> input, string station)
    {
        var f = new StationLineFilter(station);
        DateTimeOffset Day(string name) => StationMoney.StartOfLocalDay((DateOnly)input[name]!);
        switch ((LineQueryType)input["queryType"]!)
        {
            case LineQueryType.OrderTime:
                var today = StationMoney.LocalDate(DateTimeOffset.UtcNow);
                var from = input.GetValueOrDefault("startDate") is DateOnly s ? s : today;
                var to = input.GetValueOrDefault("endDate") is DateOnly e ? e : today;
                f = f with { CreatedBetween = (StationMoney.StartOfLocalDay(from), StationMoney.StartOfLocalDay(to.AddDays(1))) };
                break;
            case LineQueryType.OperationCycle:
                foreach (var name in new[] { "timeConfigId", "cycleStartTime", "cycleEndTime" })
                    if (input.GetValueOrDefault(name) is null) throw StationErrors.Invalid($"filter.{name}", "is required for OPERATION_CYCLE");
                f = f with { TimeConfigId = (string)input["timeConfigId"]!, CreatedBetween = ((DateTimeOffset)input["cycleStartTime"]!, (DateTimeOffset)input["cycleEndTime"]!) };
                break;
            case LineQueryType.ReceiveTime:
                foreach (var name in new[] { "receiveStartDate", "receiveEndDate" })
                    if (input.GetValueOrDefault(name) is null) throw StationErrors.Invalid($"filter.{name}", "is required for RECEIVE_TIME");
                f = f with { ReceiveBetween = (Day("receiveStartDate"), StationMoney.StartOfLocalDay(((DateOnly)input["receiveEndDate"]!).AddDays(1))) };
                break;
        }
        IReadOnlyList<string> Ids(string name) => input.GetValueOrDefault(name) is IEnumerable<object?> list ? list.OfType<string>().ToList() : [];
        return f with
        {
            SearchText = input.GetValueOrDefault("searchText") as string,
            Status = input.GetValueOrDefault("status") is OrderStatus st ? (int)st : null,
            PayStatus = input.GetValueOrDefault("payStatus") is PayStatus pay ? (int)pay : null,
            RouteId = input.GetValueOrDefault("routeId") is { } route ? Convert.ToInt32(route, CultureInfo.InvariantCulture) : null,
            IsPriceTiming = input.GetValueOrDefault("isPriceTiming") as bool?,
            SalemenuId = input.GetValueOrDefault("salemenuId") as string,
            Category1Ids = Ids("category1Ids"), Category2Ids = Ids("category2Ids"), PinleiIds = Ids("pinleiIds"),
            IsWeigh = input.GetValueOrDefault("isWeigh") as bool?,
            Weighted = input.GetValueOrDefault("weighted") as bool?,
            Sort = input.GetValueOrDefault("sort") is StationLineSort sort ? sort : StationLineSort.DateDesc,
        };
    }

    private static string Cursor(int index) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"line:{index}"));

    private static int? Position(string? cursor, string argument)
    {
        if (cursor is null) return null;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith("line:", StringComparison.Ordinal) && int.TryParse(text[5..], out var index) && index >= 0) return index;
        }
        catch (FormatException)
        {
        }
        throw ConnectionErrors.BadInput("The cursor is not one this list gave out.", argument);
    }
}
