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

namespace Cabinets.Api.Stations.Rest;

/// <summary>
/// What every station REST endpoint shares (TAX.md §4.1): the `{code, msg, data}` envelope with HTTP
/// 200 for business outcomes, the caller's station and actor from the signed-in user (401/403 with
/// the envelope otherwise), the JSON body, and outcomes mapped to the envelope's codes.
/// </summary>
internal static class StationRest
{
    public sealed record StationSettings(string DefaultStationId);

    public static IResult Ok(object? data) => Results.Json(new { code = 0, msg = "ok", data });

    public static IResult Fail(int code, string msg, object? data = null, int status = 200) => Results.Json(new { code, msg, data }, statusCode: status);

    public static IResult Invalid(string field, string reason) => Fail(1001, $"{field}: {reason}", new { field, reason });

    public static IResult Refused(DomainError e) => e.Code switch
    {
        TaxRuleDecider.Errors.Overlap => Fail(1003, "tax rule overlap",
            ((IEnumerable<RuleOverlap>)e.Details!).Select(o => new { address_id = o.AddressId, spu_id = o.SpuId, tax_id = o.TaxRuleId })),
        TaxRuleDecider.Errors.NotFound or StationOrderDecider.Errors.NotFound => Fail(1002, "not found", e.Details),
        StationOrderDecider.Errors.State => Fail(1004, "order state forbids this change", e.Details),
        _ => Invalid(e.Field ?? "request", e.Message),
    };

    /// <summary>The caller's station and actor, or the 401/403 the contract asks for.</summary>
    public static (string Station, CommandContext Context)? Caller(HttpContext http, string permission, out IResult? refusal)
    {
        refusal = null;
        var user = http.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            refusal = Fail(401, "unauthorized", status: 401);
            return null;
        }
        if (!user.HasClaim(BearerTokenAuthentication.PermissionClaim, permission))
        {
            refusal = Fail(403, "forbidden", status: 403);
            return null;
        }
        var station = user.FindFirstValue(BearerTokenAuthentication.StationClaim)
                      ?? http.RequestServices.GetRequiredService<StationSettings>().DefaultStationId;
        var actor = new Actor(user.Identity.Name ?? "?", string.Join(',', user.FindAll(ClaimTypes.Role).Select(c => c.Value)), "station-rest");
        return (station, new CommandContext(actor, CorrelationId: http.TraceIdentifier));
    }

    public static async Task<JsonElement?> BodyAsync(HttpContext http)
    {
        try
        {
            var doc = await JsonDocument.ParseAsync(http.Request.Body);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static Task<CommandOutcome> SendAsync(HttpContext http, object command, CommandContext context) =>
        http.RequestServices.GetRequiredService<CommandSender>().SendAsync(command, context, http.RequestAborted);

    public static IResult Answer(CommandOutcome outcome, Func<object?, object?> data) => outcome switch
    {
        CommandOutcome.Accepted a => Ok(data(a.Answer)),
        CommandOutcome.Rejected r => Refused(r.Error),
        CommandOutcome.Invalid i => Invalid(i.Errors[0].Field, i.Errors[0].Message),
        CommandOutcome.Conflict c => Fail(1006, c.Message),
        _ => throw new InvalidOperationException(),
    };

    public static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        _ => null,
    } : null;

    /// <summary>A JSON array string (`["a","b"]`) or repeated keys (TAX.md §2.9).</summary>
    public static IReadOnlyList<string> QueryIds(IQueryCollection q, string key)
    {
        if (!q.TryGetValue(key, out var values)) return [];
        var ids = new List<string>();
        foreach (var v in values.Where(v => !string.IsNullOrWhiteSpace(v)))
        {
            if (v!.TrimStart().StartsWith('['))
            {
                try
                {
                    ids.AddRange(System.Text.Json.JsonSerializer.Deserialize<List<System.Text.Json.JsonElement>>(v)!.Select(e => e.ToString()));
                    continue;
                }
                catch (System.Text.Json.JsonException)
                {
                }
            }
            ids.Add(v.Trim());
        }
        return ids;
    }
}
