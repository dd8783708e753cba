using System.Text;
using Cabinets.GraphQL.Types;

namespace Cabinets.Api.Tests.Access;

/// <summary>
/// A syntactically and type-correct call of any mutation, built from the schema alone: every
/// required argument gets a plausible literal, so that validation passes and only authorization
/// can stop the call.
/// </summary>
internal static class MutationLiterals
{
    public static string Document(FieldDefinition field)
    {
        var arguments = field.Arguments.Where(Required).Select(a => $"{a.Name}: {Literal(a.Type, 0)}").ToList();
        var call = arguments.Count == 0 ? field.Name : $"{field.Name}({string.Join(", ", arguments)})";
        var selection = field.Type.Named.Kind is TypeKind.Object or TypeKind.Interface or TypeKind.Union ? " { __typename }" : "";
        return $"mutation {{ {call}{selection} }}";
    }

    private static bool Required(InputValueDefinition value) => value.Type.IsNonNull && !value.HasDefaultValue;

    private static string Literal(GraphQLType type, int depth) => type switch
    {
        NonNullType nonNull => Literal(nonNull.OfType, depth),
        ListType list => $"[{Literal(list.OfType, depth)}]",
        EnumType e => e.Values[0].Name,
        InputObjectType input => InputLiteral(input, depth),
        ScalarType scalar => scalar.Name switch
        {
            "Int" or "Long" => "1",
            "Float" or "Decimal" => "1.5",
            "Boolean" => "false",
            "DateTime" => "\"2026-01-01T00:00:00Z\"",
            "Date" => "\"2026-01-01\"",
            _ => "\"probe-value\"",
        },
        _ => throw new ArgumentException($"not an input type: {type}"),
    };

    private static string InputLiteral(InputObjectType input, int depth)
    {
        if (depth > 5) throw new InvalidOperationException($"{input.Name} nests too deep to build a literal");
        var fields = input.IsOneOf ? input.Fields.Take(1) : input.Fields.Where(Required);
        var text = new StringBuilder("{");
        text.AppendJoin(", ", fields.Select(f => $"{f.Name}: {Literal(f.Type, depth + 1)}"));
        return text.Append('}').ToString();
    }
}
