using System.Globalization;
using System.Text.RegularExpressions;
using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Types;

/// <summary>
/// Scalars beyond the spec's five that the Api needs. Each names its specification with
/// <c>@specifiedBy</c>; a schema contains one only when a field or argument refers to it.
/// </summary>
public static partial class CustomScalars
{
    public static ScalarType DateTime { get; } = new DateTimeScalar();

    public static ScalarType Long { get; } = new LongScalar();

    public static ScalarType Decimal { get; } = new DecimalScalar();

    public static ScalarType Date { get; } = new DateScalar();

    public static ScalarType Json { get; } = new JsonScalar();

    public static IReadOnlyList<ScalarType> All { get; } = [DateTime, Long, Decimal, Date, Json];

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,7})?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();

    /// <summary>RFC 3339 date-time with a mandatory offset, serialized in UTC with a trailing <c>Z</c>.</summary>
    private sealed class DateTimeScalar() : ScalarType(
        "DateTime",
        "A date-time string at UTC or with an offset, such as `2007-12-03T10:15:30Z`, per RFC 3339.",
        "https://scalars.graphql.org/andimarek/date-time.html")
    {
        public override object Serialize(object value) => value switch
        {
            DateTimeOffset d => Format(d),
            System.DateTime d => Format(d.Kind == DateTimeKind.Unspecified
                ? new DateTimeOffset(d, TimeSpan.Zero)
                : new DateTimeOffset(d.ToUniversalTime(), TimeSpan.Zero)),
            string s when TryParse(s, out var d) => Format(d),
            _ => throw InvalidResult(value),
        };

        public override object ParseValue(object value) =>
            value is string s && TryParse(s, out var d) ? d : throw InvalidInput(value);

        public override object ParseLiteral(ValueNode literal) =>
            literal is StringValueNode s && TryParse(s.Value, out var d) ? d : throw InvalidInput(literal);

        private static string Format(DateTimeOffset value) =>
            value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

        private static bool TryParse(string text, out DateTimeOffset value)
        {
            value = default;
            return Rfc3339().IsMatch(text)
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);
        }
    }

    /// <summary>A signed 64-bit integer, written as a JSON number (money is <c>long</c> minor units).</summary>
    private sealed class LongScalar() : ScalarType(
        "Long",
        "The `Long` scalar type represents non-fractional signed whole numeric values between -(2^63) and 2^63 - 1.",
        "https://learn.microsoft.com/dotnet/api/system.int64")
    {
        public override object Serialize(object value) =>
            value is not bool && Numbers.TryInt64(value, out var l) ? l : throw InvalidResult(value);

        public override object ParseValue(object value) =>
            value is not bool && Numbers.TryInt64(value, out var l) ? l : throw InvalidInput(value);

        public override object ParseLiteral(ValueNode literal) =>
            literal is IntValueNode i && long.TryParse(i.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                ? l
                : throw InvalidInput(literal);
    }

    /// <summary>A base-10 decimal number, written as a JSON number; inputs may also be numeric strings.</summary>
    private sealed class DecimalScalar() : ScalarType(
        "Decimal",
        "The `Decimal` scalar type represents a base-10 fractional number with up to 28 significant digits.",
        "https://learn.microsoft.com/dotnet/api/system.decimal")
    {
        public override object Serialize(object value) =>
            value is not (bool or string) && Numbers.TryDecimal(value, out var m) ? m : throw InvalidResult(value);

        public override object ParseValue(object value) =>
            value is not bool && Numbers.TryDecimal(value, out var m) ? m : throw InvalidInput(value);

        public override object ParseLiteral(ValueNode literal) => literal switch
        {
            IntValueNode i when decimal.TryParse(i.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) => m,
            FloatValueNode f when decimal.TryParse(f.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) => m,
            StringValueNode s when decimal.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) => m,
            _ => throw InvalidInput(literal),
        };

        public override ValueNode ToLiteral(object value)
        {
            var text = ((decimal)Serialize(value)).ToString("G29", CultureInfo.InvariantCulture);
            return text.Contains('.', StringComparison.Ordinal) ? new FloatValueNode(default, text) : new IntValueNode(default, text);
        }
    }

    /// <summary>An RFC 3339 full-date (`2026-11-20`) without a time or zone; read as <see cref="DateOnly"/>.</summary>
    private sealed class DateScalar() : ScalarType(
        "Date",
        "A calendar date string such as `2007-12-03`, per RFC 3339 full-date.",
        "https://scalars.graphql.org/andimarek/local-date.html")
    {
        public override object Serialize(object value) => value switch
        {
            DateOnly d => Format(d),
            string s when TryParse(s, out var d) => Format(d),
            _ => throw InvalidResult(value),
        };

        public override object ParseValue(object value) => value is string s && TryParse(s, out var d) ? d : throw InvalidInput(value);

        public override object ParseLiteral(ValueNode literal) =>
            literal is StringValueNode s && TryParse(s.Value, out var d) ? d : throw InvalidInput(literal);

        private static string Format(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        private static bool TryParse(string text, out DateOnly value) =>
            DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>
    /// Any JSON value, written as itself (an event's data, an aggregate's state). Output only: a
    /// resolver returns a <see cref="System.Text.Json.JsonElement"/> or a JSON text.
    /// </summary>
    private sealed class JsonScalar() : ScalarType(
        "JSON",
        "Any JSON value: an object, an array, a string, a number, a boolean or null. Output only.",
        "https://www.rfc-editor.org/rfc/rfc8259")
    {
        public override object Serialize(object value) => value switch
        {
            System.Text.Json.JsonElement e => ToResult(e)!,
            string text => ToResult(System.Text.Json.JsonDocument.Parse(text).RootElement)!,
            _ => throw InvalidResult(value),
        };

        public override object ParseValue(object value) => throw InvalidInput(value);

        public override object ParseLiteral(ValueNode literal) => throw InvalidInput(literal);

        /// <summary>The writer's shapes: dictionaries, lists, strings, numbers, booleans; a JSON null is an empty marker it writes as null.</summary>
        private static object? ToResult(System.Text.Json.JsonElement e) => e.ValueKind switch
        {
            System.Text.Json.JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => ToResult(p.Value), StringComparer.Ordinal)
                .AsReadOnly() as IReadOnlyDictionary<string, object?>,
            System.Text.Json.JsonValueKind.Array => e.EnumerateArray().Select(ToResult).ToList(),
            System.Text.Json.JsonValueKind.String => e.GetString(),
            System.Text.Json.JsonValueKind.Number => e.TryGetInt64(out var l) ? l : e.GetDecimal(),
            System.Text.Json.JsonValueKind.True => true,
            System.Text.Json.JsonValueKind.False => false,
            _ => null,
        };
    }
}
