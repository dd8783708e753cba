using System.Text.Json;
using System.Text.RegularExpressions;
using Cabinets.Api.Commands;
using Cabinets.Api.GraphQL;
using Cabinets.Domain.Deciding;
using Cabinets.Domain.Stations.Orders;
using Cabinets.Domain.Stations.TaxRules;
using Cabinets.GraphQL;

namespace Cabinets.Api.Stations.GraphQL;

/// <summary>
/// The station's refusals as GraphQL errors with TAX.md §4.3's `extensions.code` (the executor adds
/// path and locations): the same domain errors the station REST answers as 1001–1004.
/// </summary>
internal static partial class StationErrors
{
    public const string Validation = "VALIDATION";
    public const string NotFound = "NOT_FOUND";
    public const string Overlap = "TAX_RULE_OVERLAP";
    public const string OrderState = "ORDER_STATE";
    public const string SheetExists = "DELIVERY_SHEET_EXISTS";
    public const string VersionConflict = "VERSION_CONFLICT";

    // The domain names fields as the seed's REST does; GraphQL clients know them by the input's names.
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["tax_id"] = "id", ["tax_name"] = "name", ["address"] = "merchants", ["spu"] = "spus", ["details"] = "lines",
        ["amount"] = "quantity", ["sale_price"] = "unitPrice", ["type"] = "kind", ["ids"] = "orderIds",
    };

    [GeneratedRegex(@"^(?<name>[A-Za-z_]+)(?<index>\[\d+\])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Segment();

    /// <param name="sheetFreezes">An order edit: a refusal because of its delivery sheet is DELIVERY_SHEET_EXISTS.</param>
    /// <param name="fieldPrefix">Where the command's input sits in the request, e.g. <c>input[2].</c> for one item of a list.</param>
    public static void ThrowIfFailed(CommandOutcome outcome, bool sheetFreezes = false, string fieldPrefix = "")
    {
        switch (outcome)
        {
            case CommandOutcome.Rejected r:
                throw FromDomain(r.Error, sheetFreezes, fieldPrefix);
            case CommandOutcome.Invalid i:
                throw Invalid(fieldPrefix + i.Errors[0].Field, i.Errors[0].Message);
            default:
                GraphQLCommandErrors.ThrowIfFailed(outcome); // a conflict that outlived the retries
                break;
        }
    }

    public static GraphQLException Invalid(string field, string message) =>
        Error(Validation, $"{field}: {message}", new() { ["field"] = field });

    public static GraphQLException Missing(string what, string id) => Error(NotFound, $"{what} {id} not found", new());

    public static GraphQLException Conflict(string message) => Error(VersionConflict, message, new());

    /// <summary>`order_data.receive_begin_time` → `receiveBeginTime`, `spu[0].tax_rate` → `spus[0].taxRate`.</summary>
    public static string FieldOf(string? domainField) => domainField is null ? "input" : string.Join('.', domainField.Split('.')
        .Where(s => s != "order_data")
        .Select(s => Segment().Match(s) is { Success: true } m
            ? (Renamed.GetValueOrDefault(m.Groups["name"].Value) ?? Camel(m.Groups["name"].Value)) + m.Groups["index"].Value
            : s));

    private static GraphQLException FromDomain(DomainError e, bool sheetFreezes, string fieldPrefix) => e.Code switch
    {
        TaxRuleDecider.Errors.Overlap => Error(Overlap, e.Message, new()
        {
            ["conflicts"] = ((IEnumerable<RuleOverlap>)e.Details!).Select(o => new Dictionary<string, object?>
            {
                ["addressId"] = o.AddressId, ["spuId"] = o.SpuId, ["taxRuleId"] = o.TaxRuleId,
            }).ToList(),
        }),
        TaxRuleDecider.Errors.NotFound or StationOrderDecider.Errors.NotFound => Error(NotFound, e.Message,
            Detail(e.Details, "missing_ids") is { ValueKind: JsonValueKind.Array } ids
                ? new() { ["missingIds"] = ids.EnumerateArray().Select(i => i.GetString()).ToList() }
                : new()),
        TaxRuleDecider.Errors.VersionConflict => Error(VersionConflict, e.Message, new()),
        StationOrderDecider.Errors.State => State(e, sheetFreezes),
        StationOrderDecider.Errors.NoValidLine => Error(Validation, $"lines: {e.Message}", new()
        {
            ["field"] = fieldPrefix + "lines",
            ["errorSkus"] = ((OrderLinesAnswer)e.Details!).ErrorSkus.Select(l => new Dictionary<string, object?>
            {
                ["skuId"] = l.SkuId, ["code"] = Validation, ["message"] = LineMessage(l),
            }).ToList(),
        }),
        _ => Invalid(fieldPrefix + FieldOf(e.Field), e.Message),
    };

    /// <summary>A refused order line in the input's names: <c>quantity: must be &gt; 0 with at most 2 decimals</c>.</summary>
    public static string LineMessage(LineError line) => $"{FieldOf(line.Field)}: {line.Message}";

    // The decider details a state refusal as the REST's 1004 data: {order_id, status, has_delivery_sheet}.
    private static GraphQLException State(DomainError e, bool sheetFreezes)
    {
        var hasSheet = Detail(e.Details, "has_delivery_sheet") is { ValueKind: JsonValueKind.True };
        var extensions = new Dictionary<string, object?>();
        if (Detail(e.Details, "status") is { ValueKind: JsonValueKind.Number } status)
            extensions["status"] = StationEnums.Name((StationEnums.OrderStatus)status.GetInt32());
        if (e.Details is not null) extensions["hasDeliverySheet"] = hasSheet;
        return Error(sheetFreezes && hasSheet ? SheetExists : OrderState, e.Message, extensions);
    }

    private static JsonElement? Detail(object? details, string name) =>
        details is not null && JsonSerializer.SerializeToElement(details).TryGetProperty(name, out var value) ? value : null;

    private static string Camel(string snake)
    {
        var parts = snake.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }

    private static GraphQLException Error(string code, string message, Dictionary<string, object?> extensions) =>
        new(new GraphQLError(message, code: code, extensions: extensions.Count == 0 ? null : extensions));
}
