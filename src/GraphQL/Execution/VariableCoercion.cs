using System.Text.Json;
using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Execution;

/// <summary>Spec 6.4.1 CoerceVariableValues, and reading variables from the request's JSON.</summary>
internal static class VariableCoercion
{
    private static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>();

    /// <summary>Returns the coerced variables, or the errors that make the request invalid.</summary>
    public static (IReadOnlyDictionary<string, object?> Values, List<GraphQLError>? Errors) Coerce(
        Schema schema, OperationDefinitionNode operation, IReadOnlyDictionary<string, object?> inputs)
    {
        if (operation.VariableDefinitions.Count == 0)
        {
            return (Empty, null);
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        List<GraphQLError>? errors = null;
        foreach (var definition in operation.VariableDefinitions)
        {
            var name = definition.Variable.Name.Value;
            var type = ToType(schema, definition.Type);
            var messages = new List<string>();
            if (type is null)
            {
                messages.Add($"Variable \"${name}\" has an unknown type \"{definition.Type}\".");
            }
            else if (!inputs.TryGetValue(name, out var input))
            {
                if (definition.DefaultValue is { } defaultValue)
                {
                    messages.AddRange(Try(() => values[name] = ValueCoercion.CoerceLiteral(defaultValue, type, null, ""), name));
                }
                else if (type.IsNonNull)
                {
                    messages.Add($"Variable \"${name}\" of required type \"{definition.Type}\" was not provided.");
                }
            }
            else if (input is null && type.IsNonNull)
            {
                messages.Add($"Variable \"${name}\" of non-null type \"{definition.Type}\" must not be null.");
            }
            else
            {
                // every problem of the value, as graphql-js reports them (spec 6.4.1 only asks for one)
                var problems = new List<InputCoercionException>();
                values[name] = ValueCoercion.CoerceInput(input, type, "", problems);
                messages.AddRange(problems.Select(p => p.Describe($"Variable \"${name}\"", name)));
            }

            foreach (var message in messages)
            {
                errors ??= [];
                if (errors.Count == MaxErrors)
                {
                    errors.Add(new GraphQLError("Too many errors processing variables, error limit reached. Execution aborted.", code: ErrorCodes.BadUserInput));
                    return (values, errors);
                }

                errors.Add(new GraphQLError(message, [definition.Location], code: ErrorCodes.BadUserInput));
            }
        }

        return (values, errors);
    }

    /// <summary>graphql-js's cap on variable errors per request.</summary>
    private const int MaxErrors = 50;

    private static IEnumerable<string> Try(Action coerce, string name)
    {
        try
        {
            coerce();
            return [];
        }
        catch (InputCoercionException e)
        {
            return [e.Describe($"Variable \"${name}\"", name)];
        }
    }

    public static GraphQLType? ToType(Schema schema, TypeNode node) => node switch
    {
        NonNullTypeNode n => ToType(schema, n.Type) is { } inner and not NonNullType ? new NonNullType(inner) : null,
        ListTypeNode l => ToType(schema, l.Type) is { } inner ? new ListType(inner) : null,
        NamedTypeNode named => schema.GetType(named.Name.Value),
        _ => null,
    };

    /// <summary>A JSON object of variables as CLR values: integral numbers as long, others as decimal or double.</summary>
    public static IReadOnlyDictionary<string, object?> FromJson(JsonElement? json) =>
        json is { ValueKind: JsonValueKind.Object } element
            ? (IReadOnlyDictionary<string, object?>)FromJson(element)!
            : Empty;

    public static object? FromJson(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    map[property.Name] = FromJson(property.Value);
                }

                return map;
            case JsonValueKind.Array:
                var list = new List<object?>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(FromJson(item));
                }

                return list;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return element.TryGetInt64(out var l) ? l
                    : element.TryGetDecimal(out var m) ? m
                    : element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }
}
