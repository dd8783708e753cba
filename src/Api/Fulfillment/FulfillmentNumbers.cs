using System.Globalization;
using Npgsql;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Cabinets.Api.Fulfillment;

/// <summary>Document numbers the console does not give: `PR{yyMMdd}{7 digits}` for purchase receipts, the day in Asia/Shanghai, one sequence.</summary>
public sealed class FulfillmentNumbers(NpgsqlDataSource db, TimeProvider clock)
{
    public static IEnumerable<ISchemaObject> SchemaObjects() =>
        [new Sequence(new PostgresqlObjectName("fulfillment", "purchase_receipt_numbers", SchemaUtils.IdentifierUsage.General)),
            new Sequence(new PostgresqlObjectName("fulfillment", "order_numbers", SchemaUtils.IdentifierUsage.General)),
            new Sequence(new PostgresqlObjectName("fulfillment", "delivery_numbers", SchemaUtils.IdentifierUsage.General)),
            new Sequence(new PostgresqlObjectName("fulfillment", "print_batch_numbers", SchemaUtils.IdentifierUsage.General))];

    /// <summary>A print batch's number (§1.5, L3784-3786): `{operatorId}-{yMMdd}-{batch:0000}`; each delivery in it adds `_{seq:00}`.</summary>
    public async Task<string> PrintBatchAsync(string operatorId, CancellationToken ct)
    {
        await using var next = db.CreateCommand("select nextval('fulfillment.print_batch_numbers')");
        var sequence = Convert.ToInt64(await next.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Vending.VendingNumbers.Shanghai);
        var day = (local.Year % 10).ToString(CultureInfo.InvariantCulture) + local.ToString("MMdd", CultureInfo.InvariantCulture); // the seed's 41124 is 2014-11-24
        return $"{operatorId}-{day}-{(sequence % 10000).ToString("D4", CultureInfo.InvariantCulture)}";
    }

    /// <summary>`deliveryBn` (§1.5), also the delivery's id: `D{yyMMdd}{7 digits}`.</summary>
    public async Task<string> DeliveryAsync(CancellationToken ct)
    {
        await using var next = db.CreateCommand("select nextval('fulfillment.delivery_numbers')");
        var sequence = Convert.ToInt64(await next.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        var day = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Vending.VendingNumbers.Shanghai).ToString("yyMMdd", CultureInfo.InvariantCulture);
        return $"D{day}{sequence.ToString("D7", CultureInfo.InvariantCulture)}";
    }

    /// <summary>`orderBn` (§1.4, decided): `yyyyMMddHHmm` in Asia/Shanghai and a 5-digit sequence, e.g. 20150924121000543; also the order's id.</summary>
    public async Task<string> OrderAsync(CancellationToken ct)
    {
        await using var next = db.CreateCommand("select nextval('fulfillment.order_numbers')");
        var sequence = Convert.ToInt64(await next.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        var minute = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Vending.VendingNumbers.Shanghai).ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        return minute + sequence.ToString("D5", CultureInfo.InvariantCulture);
    }

    public async Task<string> PurchaseReceiptAsync(CancellationToken ct)
    {
        await using var next = db.CreateCommand("select nextval('fulfillment.purchase_receipt_numbers')");
        var sequence = Convert.ToInt64(await next.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        var day = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Vending.VendingNumbers.Shanghai).ToString("yyMMdd", CultureInfo.InvariantCulture);
        return $"PR{day}{sequence.ToString("D7", CultureInfo.InvariantCulture)}";
    }
}
