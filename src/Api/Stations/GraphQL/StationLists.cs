using System.Globalization;
using Cabinets.Api.GraphQL.Connections;
using Cabinets.Domain.Stations.Reference;
using Npgsql;
using static Cabinets.Api.Stations.GraphQL.StationEnums;

namespace Cabinets.Api.Stations.GraphQL;

/// <summary>An order as its snapshot holds it, with the stream version (Marten's <c>mt_version</c> of an inline snapshot).</summary>
internal sealed record StationOrderView(Domain.Stations.Orders.StationOrderState State, long Version);

/// <summary>
/// The station lists over the inline snapshots of <c>src/Projections/Stations</c> (Marten's default
/// schema and naming, ADR-0014). Columns are JSON paths of the documents; the station and creation
/// time use the same expressions as the indexes of <c>CritterStackSetup</c>, so those apply.
/// </summary>
internal static class StationLists
{
    public const string StationColumn = "stationId";

    public static StationList<StationMerchant> Merchants { get; } = new(new(
        "StationMerchant", "StationMerchants", "public.mt_doc_stationmerchantsnapshot d",
        [
            Station(),
            new("addressId", "((d.data ->> 'AddressId')::int)", ColumnType.Int),
            new("resname", "(d.data -> 'Merchant' ->> 'Resname')", ColumnType.String),
            new("routeId", "((d.data -> 'Merchant' ->> 'RouteId')::int)", ColumnType.Int) { Nullable = true, Sortable = false },
        ],
        key: ["addressId"], StationList<StationMerchant>.ReadBySerializer)
    {
        NodeType = "StationMerchant",
        Select = ["d.data -> 'Merchant'"],
    }, (json, r) => json.FromJson<StationMerchant>(r, 0));

    public static StationList<StationSku> Skus { get; } = new(new(
        "StationSku", "StationSkus", "public.mt_doc_stationskusnapshot d",
        [
            Station(),
            new("skuId", "(d.data ->> 'SkuId')", ColumnType.String),
            new("spuId", "(d.data -> 'Sku' ->> 'SpuId')", ColumnType.String),
            new("name", "(d.data -> 'Sku' ->> 'Name')", ColumnType.String),
            new("state", "((d.data -> 'Sku' ->> 'State')::boolean)", ColumnType.Boolean) { Sortable = false },
        ],
        key: ["skuId"], StationList<StationSku>.ReadBySerializer)
    {
        NodeType = "StationSku",
        Select = ["d.data -> 'Sku'"],
    }, (json, r) => json.FromJson<StationSku>(r, 0));

    public static StationList<StationOrderView> Orders { get; } = new(new(
        "StationOrder", "StationOrders", "public.mt_doc_stationordersnapshot d",
        [
            Station(),
            new("orderId", "(d.data -> 'State' ->> 'OrderId')", ColumnType.String),
            new("addressId", "((d.data -> 'State' ->> 'AddressId')::int)", ColumnType.Int) { Sortable = false },
            new("status", "(d.data -> 'State' ->> 'Status')", ColumnType.Enum) { Enum = Code<OrderStatus>("StationOrderStatus"), Sortable = false },
            new("payStatus", "(d.data -> 'State' ->> 'PayStatus')", ColumnType.Enum) { Enum = Code<PayStatus>("StationPayStatus"), Sortable = false },
            new("timeConfigId", "(d.data -> 'State' ->> 'TimeConfigId')", ColumnType.String) { Sortable = false },
            new("createdAt", "public.mt_immutable_timestamptz(d.data ->> 'CreatedAt')", ColumnType.DateTime),
            new("receiveBeginTime", "public.mt_immutable_timestamptz(d.data -> 'State' ->> 'ReceiveBeginTime')", ColumnType.DateTime),
            new("totalPrice", TotalPrice, ColumnType.Long),
            new("hasDeliverySheet", "(coalesce(jsonb_typeof(d.data -> 'State' -> 'Sheet'), 'null') <> 'null')", ColumnType.Boolean) { Sortable = false },
        ],
        key: ["orderId"], StationList<StationOrderView>.ReadBySerializer)
    {
        NodeType = "StationOrder",
        Select = ["d.data -> 'State'", "d.mt_version"],
    }, (json, r) => new StationOrderView(json.FromJson<Domain.Stations.Orders.StationOrderState>(r, 0), r.GetInt64(1)));

    /// <summary>
    /// Σ round(quantity × unit price) over the lines: TaxArithmetic.Amount in SQL, (qc × price + 50)
    /// div 100 with qc = quantity × 100 (amounts are never negative, so bigint division is the floor).
    /// Computed per row, so a totalPrice filter or order reads every order of the station (no
    /// index); the station's index still bounds it. A test pins it to the C# figure.
    /// </summary>
    private const string TotalPrice =
        "(select coalesce(sum((trunc((l ->> 'Quantity')::numeric * 100)::bigint * (l ->> 'UnitPrice')::bigint + 50) / 100), 0)::bigint " +
        "from jsonb_array_elements(d.data -> 'State' -> 'Lines') l)";

    /// <summary>The order by its id, in the list's shape; null when it is not an order of <paramref name="station"/>.</summary>
    public static async Task<StationOrderView?> OrderAsync(NpgsqlDataSource db, Marten.ISerializer json, string station, string orderId, CancellationToken ct)
    {
        var table = Orders.Table;
        await using var cmd = db.CreateCommand(
            $"select {string.Join(", ", table.Select)} from {table.From} where d.id = $1 and {table.Column(StationColumn).Sql} = $2");
        cmd.Parameters.Add(new NpgsqlParameter { Value = Domain.Stations.Orders.StationOrderEventNames.StreamId(orderId) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = station });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Orders.Read(json, reader) : null;
    }

    private static ConnectionColumn Station() => new(StationColumn, "(d.data ->> 'StationId')", ColumnType.String) { Filterable = false, Sortable = false };

    /// <summary>A status as stored: the seed's number, as JSON text.</summary>
    private static EnumColumn Code<TEnum>(string graphQLType) where TEnum : struct, Enum =>
        new(graphQLType, v => Convert.ToInt32((TEnum)v, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
}
