using System.Text.Json.Nodes;
using Cabinets.Api.Lockers.GraphQL;
using Cabinets.Api.PersonalData;

namespace Cabinets.Api.Audit;

/// <summary>
/// Personal data inside an event's or an aggregate's JSON (`pd1:` values, ADR-0020) as an auditor
/// may see it: revealed for a caller with `personaldata.read`, masked otherwise, "erased" once the
/// person's key is gone. Everything else is left as stored.
/// </summary>
internal static class PersonalDataInJson
{
    public static async Task<JsonNode?> ShowAsync(JsonNode? node, PersonalDataVault vault, bool reveal, CancellationToken ct)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList()) o[key] = await ShowAsync(value, vault, reveal, ct);
                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) a[i] = await ShowAsync(a[i]?.DeepClone(), vault, reveal, ct);
                return a;
            case JsonValue v when v.TryGetValue<string>(out var text) && text.StartsWith("pd1:", StringComparison.Ordinal):
                var clear = await vault.RevealAsync(text, ct);
                return JsonValue.Create(reveal || clear == PersonalDataVault.Erased ? clear : Mask(clear));
            default:
                return node?.DeepClone();
        }
    }

    private static string Mask(string? clear) =>
        clear is { Length: 11 } && clear.All(char.IsAsciiDigit) ? Masks.Phone(clear) : Masks.Name(clear);
}
