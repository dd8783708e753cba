using Cabinets.Domain.Vending;
using Cabinets.Projections.Lockers.FreeDoors;

namespace Cabinets.Projections.Vending.Statistics;

/// <summary>
/// The statements of one batch of events, with `?` placeholders as Marten's
/// <c>QueueSqlCommand</c> takes them, and the stored spellings of the enums (the GraphQL names, so
/// a row reads the same in psql as in the console).
/// </summary>
internal static class StatisticsStatements
{
    public static void Add(ProjectionStatements batch, string sql, params object?[] args)
    {
        var statement = new ProjectionStatement(sql);
        // timestamptz takes UTC offsets only (Npgsql 10).
        statement.Arguments.AddRange(args.Select(a => a switch
        {
            null => DBNull.Value,
            DateTimeOffset t => t.ToUniversalTime(),
            _ => a,
        }));
        batch.Add(statement);
    }

    public static string Name(VendingPaymentType type) => type switch
    {
        VendingPaymentType.Wechat => "WECHAT",
        VendingPaymentType.Tickets => "TICKETS",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string Name(VendingOrderType type) => type switch
    {
        VendingOrderType.Normal => "NORMAL",
        VendingOrderType.Corrected => "CORRECTED",
        VendingOrderType.Supplementary => "SUPPLEMENTARY",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string Name(DeviceOnlineStatus status) => status == DeviceOnlineStatus.Online ? "ONLINE" : "OFFLINE";

    /// <summary>
    /// The payment type a refund is grouped under is its order's: a TICKETS refund returns tickets,
    /// a WECHAT or OFFLINE one (money returned outside WeChat, VENDING.md §1.11) a WeChat payment.
    /// </summary>
    public static VendingPaymentType PaymentTypeOf(RefundMethod method) =>
        method == RefundMethod.Tickets ? VendingPaymentType.Tickets : VendingPaymentType.Wechat;
}
