using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Cabinets.Api.Access;
using Cabinets.Api.Commands;
using Cabinets.Domain.Access;
using Cabinets.Domain.Deciding;
using Cabinets.Domain.Stations;
using Cabinets.Domain.Stations.Orders;
using Cabinets.Domain.Stations.Reference;
using Cabinets.Domain.Stations.TaxRules;
using Cabinets.Projections.Stations;
using Marten;
using Npgsql;

using static Cabinets.Api.Stations.Rest.StationRest;

namespace Cabinets.Api.Stations.Rest;

/// <summary>`/station/tax/tax_rule/create` and `/edit` (TAX.md §4.2.1–4.2.2): rates arrive as percent strings and go on as basis points.</summary>
internal static class TaxRuleEndpoints
{
    public static IEndpointRouteBuilder MapTaxRuleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/station/tax/tax_rule/create", CreateRule);
        app.MapPost("/station/tax/tax_rule/edit", EditRule);
        return app;
    }

    private static async Task<IResult> CreateRule(HttpContext http, NpgsqlDataSource db, TimeProvider clock)
    {
        if (Caller(http, Permissions.StationTaxWrite, out var refusal) is not var (station, context)) return refusal!;
        if (await BodyAsync(http) is not { } body) return Invalid("body", "must be a JSON object");
        if (ReadRuleContent(body, out var merchants, out var spus) is { } bad) return bad;
        if (!TryStatus(body, out var valid, out var statusError)) return statusError!;
        var id = await StationSequences.NextTaxRuleIdAsync(db, http.RequestAborted);
        var outcome = await SendAsync(http, new CreateTaxRule(station, id, Str(body, "tax_name") ?? "", valid ?? true, merchants, spus, clock.GetUtcNow()), context);
        return Answer(outcome, a => a);
    }

    private static async Task<IResult> EditRule(HttpContext http, TimeProvider clock)
    {
        if (Caller(http, Permissions.StationTaxWrite, out var refusal) is not var (station, context)) return refusal!;
        if (await BodyAsync(http) is not { } body) return Invalid("body", "must be a JSON object");
        if (!body.TryGetProperty("tax_id", out var idJson) || !idJson.TryGetInt32(out var id)) return Invalid("tax_id", "must be an integer");
        if (ReadRuleContent(body, out var merchants, out var spus) is { } bad) return bad;
        if (!TryStatus(body, out var valid, out var statusError)) return statusError!;
        var outcome = await SendAsync(http, new EditTaxRule(station, id, Str(body, "tax_name"), valid, merchants, spus, null, clock.GetUtcNow()), context);
        return Answer(outcome, a => a);
    }

    private static bool TryStatus(JsonElement body, out bool? valid, out IResult? error)
    {
        valid = null;
        error = null;
        if (!body.TryGetProperty("status", out var s) || s.ValueKind == JsonValueKind.Null) return true;
        var text = s.ValueKind == JsonValueKind.String ? s.GetString() : s.GetRawText();
        if (text is "0" or "1")
        {
            valid = text == "1";
            return true;
        }
        error = Invalid("status", "must be 0 or 1");
        return false;
    }

    private static IResult? ReadRuleContent(JsonElement body, out List<RuleMerchant> merchants, out List<RuleSpu> spus)
    {
        merchants = [];
        spus = [];
        if (!body.TryGetProperty("address", out var address) || address.ValueKind != JsonValueKind.Array) return Invalid("address", "must be a list");
        var i = 0;
        foreach (var m in address.EnumerateArray())
        {
            if (!m.TryGetProperty("address_id", out var aid) || !aid.TryGetInt32(out var addressId)) return Invalid($"address[{i}].address_id", "must be an integer");
            merchants.Add(new RuleMerchant(addressId, Str(m, "address_name") ?? ""));
            i++;
        }
        if (!body.TryGetProperty("spu", out var spuList) || spuList.ValueKind != JsonValueKind.Array) return Invalid("spu", "must be a list");
        i = 0;
        foreach (var s in spuList.EnumerateArray())
        {
            var rateText = s.TryGetProperty("tax_rate", out var r) ? r.ValueKind switch
            {
                JsonValueKind.String => r.GetString(),
                JsonValueKind.Number => r.GetRawText(),
                _ => null,
            } : null;
            if (!TaxRates.TryParsePercent(rateText, out var bp, out var reason)) return Invalid($"spu[{i}].tax_rate", reason);
            spus.Add(new RuleSpu(Str(s, "spu_id") ?? "", Str(s, "spu_name") ?? "", bp));
            i++;
        }
        return null;
    }
}
