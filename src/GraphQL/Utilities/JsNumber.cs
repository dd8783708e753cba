using System.Globalization;
using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Utilities;

/// <summary>Numbers printed as JavaScript's <c>String(number)</c> does, so SDL defaults match graphql-js.</summary>
internal static class JsNumber
{
    public static string Format(double value)
    {
        if (value == Math.Floor(value) && Math.Abs(value) < 1e21)
        {
            return value.ToString("0", CultureInfo.InvariantCulture);
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return text;
        }

        // .NET writes 1E-07 / 1E+21; JavaScript writes 1e-7 / 1e+21.
        var exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return $"{text[..e]}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent)}";
    }

    /// <summary>graphql-js <c>astFromValue</c> for numbers: integral values become Int literals.</summary>
    public static ValueNode ToLiteral(object number)
    {
        var text = number switch
        {
            int or long or short or byte or uint or ulong => Convert.ToString(number, CultureInfo.InvariantCulture)!,
            decimal m => m.ToString("G29", CultureInfo.InvariantCulture),
            _ => Format(Convert.ToDouble(number, CultureInfo.InvariantCulture)),
        };
        var isInt = text.All(c => char.IsAsciiDigit(c) || c == '-');
        return isInt ? new IntValueNode(default, text) : new FloatValueNode(default, text);
    }
}
