using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cabinets.Protocol.Tests;

/// <summary>Builds payloads from a valid item with one field replaced, to test one rule at a time.</summary>
internal static class Items
{
    /// <summary>Marks a field to be removed rather than replaced.</summary>
    public const string Missing = "<missing>";

    public static string With(string item, string field, string literal)
    {
        var obj = Parse(item);
        if (literal == Missing)
        {
            obj.Remove(field);
        }
        else
        {
            obj[field] = Parse(literal);
        }

        return "[" + obj.ToString(Formatting.None) + "]";
    }

    /// <summary>The valid item first, then the variant: the error must name item 1.</summary>
    public static string SecondWith(string item, string field, string literal) =>
        "[" + item + "," + With(item, field, literal)[1..];

    private static dynamic Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }
}
