using System.Globalization;
using Npgsql;
using Weasel.Core;
using Weasel.Postgresql;

namespace Cabinets.Api.Vending;

/// <summary>
/// The numbers vending commands carry in (never from a clock or a random source inside a decider):
/// `{prefix}{yyMMdd}{7+ digits}`, the date being the business day (Asia/Shanghai) and the digits one
/// database sequence per kind, so numbers are unique across nodes and restarts.
/// </summary>
public sealed class VendingNumbers(NpgsqlDataSource db, TimeProvider clock)
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>Prefix → sequence: sessions, orders, payments, refunds, open-door commands, authorizations, corrections, complaints.</summary>
    private static readonly Dictionary<string, string> Sequences = new()
    {
        ["VS"] = "session_numbers", ["VO"] = "order_numbers", ["VP"] = "payment_numbers", ["VR"] = "refund_numbers",
        ["VC"] = "command_numbers", ["VA"] = "authorization_numbers", ["CR"] = "correction_numbers", ["CP"] = "complaint_numbers", ["U"] = "user_numbers",
    };

    public static IEnumerable<ISchemaObject> SchemaObjects() =>
        Sequences.Values.Select(name => new Sequence(new PostgresqlObjectName("vending", name, SchemaUtils.IdentifierUsage.General)));

    public Task<string> SessionAsync(CancellationToken ct) => NextAsync("VS", ct);
    public Task<string> OrderAsync(CancellationToken ct) => NextAsync("VO", ct);
    public Task<string> PaymentAsync(CancellationToken ct) => NextAsync("VP", ct);
    public Task<string> RefundAsync(CancellationToken ct) => NextAsync("VR", ct);
    public Task<string> CommandAsync(CancellationToken ct) => NextAsync("VC", ct);
    public Task<string> AuthorizationAsync(CancellationToken ct) => NextAsync("VA", ct);
    public Task<string> CorrectionAsync(CancellationToken ct) => NextAsync("CR", ct);
    public Task<string> ComplaintAsync(CancellationToken ct) => NextAsync("CP", ct);

    /// <summary>An order's number and its first payment's, in one round trip (a vendor push needs both).</summary>
    public async Task<(string Order, string Payment)> OrderAndPaymentAsync(CancellationToken ct)
    {
        await using var next = db.CreateCommand($"select nextval('vending.{Sequences["VO"]}'), nextval('vending.{Sequences["VP"]}')");
        await using var row = await next.ExecuteReaderAsync(ct);
        await row.ReadAsync(ct);
        var day = Day();
        return (Number("VO", day, row.GetInt64(0)), Number("VP", day, row.GetInt64(1)));
    }

    /// <summary>`U` + digits (VENDING.md §1.3), from 1001 on.</summary>
    public async Task<string> UserAsync(CancellationToken ct) => "U" + (1000 + await SequenceAsync("U", ct)).ToString(CultureInfo.InvariantCulture);

    private async Task<string> NextAsync(string prefix, CancellationToken ct) => Number(prefix, Day(), await SequenceAsync(prefix, ct));

    private string Day() => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Shanghai).ToString("yyMMdd", CultureInfo.InvariantCulture);

    private static string Number(string prefix, string day, long sequence) => $"{prefix}{day}{sequence.ToString("D7", CultureInfo.InvariantCulture)}";

    private async Task<long> SequenceAsync(string prefix, CancellationToken ct)
    {
        await using var next = db.CreateCommand($"select nextval('vending.{Sequences[prefix]}')");
        return Convert.ToInt64(await next.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }
}
