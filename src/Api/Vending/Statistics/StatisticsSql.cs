using Cabinets.Domain.Vending;
using Npgsql;

namespace Cabinets.Api.Vending.Statistics;

/// <summary>What the statistics queries share: rates as §2.12 rounds them, the stored enum spellings, parameters.</summary>
public static class StatisticsSql
{
    public const string S = Projections.Vending.Statistics.VendingStatisticsTables.Schema;

    /// <summary>`part / whole` to 4 decimals (half away from zero); null when nothing was counted.</summary>
    public static double? Rate(long part, long whole) =>
        whole == 0 ? null : (double)Math.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);

    public static string Name(VendingPaymentType type) => type == VendingPaymentType.Tickets ? "TICKETS" : "WECHAT";

    public static VendingPaymentType PaymentType(string stored) => stored == "TICKETS" ? VendingPaymentType.Tickets : VendingPaymentType.Wechat;

    /// <summary>Adds a positional parameter and returns its placeholder.</summary>
    public static string P(NpgsqlCommand cmd, object value)
    {
        if (value is DateTimeOffset t) value = t.ToUniversalTime(); // timestamptz takes UTC offsets only
        cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        return "$" + cmd.Parameters.Count;
    }
}
