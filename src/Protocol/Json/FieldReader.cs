using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Cabinets.Protocol.Json;

/// <summary>
/// Reads and validates the fields of one payload item. The first problem is kept as a 1006 whose
/// msg names the item and the field (IBS-PROTOCOL.md §4); later reads return defaults, so a
/// request parser reads every field in spec order and checks <see cref="Error"/> once at the end.
/// Unknown fields are ignored: newer firmware may send more than this version knows.
/// </summary>
internal sealed partial class FieldReader(JObject item, int index, string prefix = "")
{
    public const int MaxText = 64;
    public const int MaxCode = 128;
    public const int MaxDescription = 1024;

    public IbsError? Error { get; private set; }

    /// <summary>Zero-based position of the item in the batch, named in every msg.</summary>
    public int Index => index;

    /// <summary>A non-empty text field without control characters.</summary>
    public string Text(string field, int maxLength = MaxText) =>
        OptionalText(field, maxLength) ?? Fail<string>(field, "is missing or empty");

    /// <summary>A text field where missing, null and "" all mean "not given".</summary>
    public string? OptionalText(string field, int maxLength = MaxText)
    {
        var token = item[field];
        if (token is null || token.Type == JTokenType.Null)
        {
            return null;
        }

        if (token.Type != JTokenType.String)
        {
            return Fail<string>(field, "must be a string");
        }

        var text = (string)token!;
        if (text.Length > maxLength)
        {
            return Fail<string>(field, $"is longer than {maxLength} characters");
        }

        if (text.AsSpan().ContainsAnyInRange('\u0000', '\u001F') || text.Contains('\u007F', StringComparison.Ordinal))
        {
            return Fail<string>(field, "must not contain control characters");
        }

        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    /// <summary>A string of ASCII digits whose length is one of <paramref name="lengths"/>.</summary>
    public string Digits(string field, string rule, params ReadOnlySpan<int> lengths) =>
        OptionalDigits(field, rule, lengths) ?? Fail<string>(field, "is missing or empty");

    public string? OptionalDigits(string field, string rule, params ReadOnlySpan<int> lengths)
    {
        var text = OptionalText(field);
        if (text is null)
        {
            return null;
        }

        var lengthOk = false;
        foreach (var length in lengths)
        {
            lengthOk |= text.Length == length;
        }

        return lengthOk && IsDigits(text) ? text : Fail<string>(field, $"must be {rule}");
    }

    /// <summary>
    /// A small number sent either as a JSON integer or as a digit string ("3", as the seed's
    /// literals quote everything); at most <paramref name="maxDigits"/> digits.
    /// </summary>
    public int? OptionalNumber(string field, int maxDigits)
    {
        var token = item[field];
        switch (token?.Type)
        {
            case null or JTokenType.Null:
                return null;
            case JTokenType.Integer when ((JValue)token).Value is long n && n >= 0 && n < Pow10(maxDigits):
                return (int)n;
            case JTokenType.String when (string)token! is { Length: > 0 } s && s.Length <= maxDigits && IsDigits(s):
                return int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
            case JTokenType.String when string.IsNullOrEmpty((string?)token):
                return null;
            default:
                return Fail<int?>(field, $"must be a number of at most {maxDigits} digits");
        }
    }

    public JArray? Array(string field)
    {
        var token = item[field];
        return token switch
        {
            null or { Type: JTokenType.Null } => Fail<JArray>(field, "is missing"),
            JArray array => array,
            _ => Fail<JArray>(field, "must be an array"),
        };
    }

    /// <summary>Records a 1006 for <paramref name="field"/> unless an earlier field already failed.</summary>
    public T Fail<T>(string field, string problem)
    {
        Error ??= new IbsError(IbsErrorCode.InvalidParam, $"item {index}: {prefix}{field} {problem}");
        // Strings come back empty, not null: parsers keep reading after a failure and may look at them.
        return typeof(T) == typeof(string) ? (T)(object)"" : default!;
    }

    /// <summary>Takes over the first error of a reader for a nested object (locker_info entries).</summary>
    public void Adopt(IbsError? nested) => Error ??= nested;

    public static bool IsDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');

    private static long Pow10(int digits)
    {
        var value = 1L;
        for (var i = 0; i < digits; i++)
        {
            value *= 10;
        }

        return value;
    }
}
