using System.Globalization;
using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Types;

/// <summary>The five scalars every schema has (spec 3.5.1–3.5.5), coercing as graphql-js does.</summary>
public static class BuiltInScalars
{
    public static ScalarType Int { get; } = new IntScalar();

    public static ScalarType Float { get; } = new FloatScalar();

    public static ScalarType String { get; } = new StringScalar();

    public static ScalarType Boolean { get; } = new BooleanScalar();

    public static ScalarType ID { get; } = new IdScalar();

    public static IReadOnlyList<ScalarType> All { get; } = [String, Int, Float, Boolean, ID];

    public static bool IsBuiltIn(string name) => name is "String" or "Int" or "Float" or "Boolean" or "ID";

    private static readonly object[] SmallInts = [.. Enumerable.Range(-1, 258).Select(i => (object)i)];

    internal static object Box(int value) => value is >= -1 and <= 256 ? SmallInts[value + 1] : value;

    private static readonly object True = true;
    private static readonly object False = false;

    internal static object Box(bool value) => value ? True : False;

    private sealed class IntScalar() : ScalarType("Int",
        "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1.")
    {
        public override object Serialize(object value) => value switch
        {
            int i => Box(i),
            bool b => Box(b ? 1 : 0),
            _ when Numbers.TryInt32(value, out var i) => Box(i),
            _ => throw InvalidResult(value, Problem(value)),
        };

        public override object ParseValue(object value) =>
            value is not bool && Numbers.TryInt32(value, out var i) ? Box(i) : throw InvalidInput(value, Problem(value));

        public override object ParseLiteral(ValueNode literal) => literal switch
        {
            IntValueNode node when int.TryParse(node.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) => Box(i),
            IntValueNode node => throw new InputCoercionException($"Int cannot represent non 32-bit signed integer value: {node.Value}"),
            _ => throw InvalidInput(literal, "non-integer value"),
        };

        private static string Problem(object value) =>
            value is not bool && Numbers.TryInt64(value, out _) ? "non 32-bit signed integer value" : "non-integer value";
    }

    private sealed class FloatScalar() : ScalarType("Float",
        "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).")
    {
        public override object Serialize(object value) => value switch
        {
            bool b => b ? 1d : 0d,
            _ when Numbers.TryDouble(value, out var d) => d,
            _ => throw InvalidResult(value, "non numeric value"),
        };

        public override object ParseValue(object value) =>
            value is not bool && Numbers.TryDouble(value, out var d) ? d : throw InvalidInput(value, "non numeric value");

        public override object ParseLiteral(ValueNode literal) => literal switch
        {
            IntValueNode or FloatValueNode when double.TryParse(
                literal is IntValueNode i ? i.Value : ((FloatValueNode)literal).Value,
                NumberStyles.Float,
                CultureInfo.InvariantCulture,
                out var d) && double.IsFinite(d) => d,
            _ => throw InvalidInput(literal, "non numeric value"),
        };
    }

    private sealed class StringScalar() : ScalarType("String",
        "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text.")
    {
        public override object Serialize(object value) => value switch
        {
            string s => s,
            char c => c.ToString(),
            bool b => b ? "true" : "false",
            int or long or short or byte or uint or ulong or double or float or decimal =>
                Convert.ToString(value, CultureInfo.InvariantCulture)!,
            _ => throw InvalidResult(value),
        };

        public override object ParseValue(object value) => value as string ?? throw InvalidInput(value, "a non string value");

        public override object ParseLiteral(ValueNode literal) =>
            literal is StringValueNode s ? s.Value : throw InvalidInput(literal, "a non string value");
    }

    private sealed class BooleanScalar() : ScalarType("Boolean", "The `Boolean` scalar type represents `true` or `false`.")
    {
        public override object Serialize(object value) => value switch
        {
            bool => value,
            _ when Numbers.TryDouble(value, out var d) => Box(d != 0),
            _ => throw InvalidResult(value, "a non boolean value"),
        };

        public override object ParseValue(object value) => value is bool ? value : throw InvalidInput(value, "a non boolean value");

        public override object ParseLiteral(ValueNode literal) =>
            literal is BooleanValueNode b ? Box(b.Value) : throw InvalidInput(literal, "a non boolean value");
    }

    private sealed class IdScalar() : ScalarType("ID",
        "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID.")
    {
        public override object Serialize(object value) => value switch
        {
            string s => s,
            Guid g => g.ToString(),
            int or long or short or byte or uint or ulong => Convert.ToString(value, CultureInfo.InvariantCulture)!,
            _ => throw InvalidResult(value),
        };

        public override object ParseValue(object value) => value switch
        {
            string s => s,
            int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
            decimal m when m == decimal.Truncate(m) => m.ToString("0", CultureInfo.InvariantCulture),
            _ => throw InvalidInput(value),
        };

        public override object ParseLiteral(ValueNode literal) => literal switch
        {
            StringValueNode s => s.Value,
            IntValueNode i => i.Value,
            _ => throw InvalidInput(literal, "a non-string and non-integer value"),
        };

        public override ValueNode ToLiteral(object value)
        {
            var text = (string)Serialize(value);
            return text.Length > 0 && text.All(char.IsAsciiDigit) && (text == "0" || text[0] != '0')
                ? new IntValueNode(default, text)
                : new StringValueNode(default, text);
        }
    }
}
