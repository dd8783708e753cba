using System.Globalization;
using Npgsql;

namespace Cabinets.Api.Stations;

/// <summary>
/// The ids a station command carries in (ADR-0019: a database sequence, never a clock), shared by the
/// station REST and the console GraphQL. The sequences themselves are <see cref="StationsModule.SchemaObjects"/>.
/// </summary>
internal static class StationSequences
{
    public static async Task<int> NextTaxRuleIdAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var next = db.CreateCommand("select nextval('stations.tax_rule_ids')");
        return Convert.ToInt32(await next.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>`PL` + the next order number (TAX.md §1.4: `PL` and 7 or more digits).</summary>
    public static async Task<string> NextOrderIdAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var next = db.CreateCommand("select nextval('stations.order_numbers')");
        return $"PL{Convert.ToInt64(await next.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture)}";
    }
}
