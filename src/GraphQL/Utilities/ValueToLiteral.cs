using System.Collections;
using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Utilities;

/// <summary>graphql-js <c>astFromValue</c>: a coerced (internal) value as a literal of its type.</summary>
public static class ValueToLiteral
{
    /// <summary>Null when the value cannot be represented (graphql-js returns null there too).</summary>
    public static ValueNode? Convert(object? value, GraphQLType type)
    {
        if (type is NonNullType nonNull)
        {
            var inner = Convert(value, nonNull.OfType);
            return inner is NullValueNode ? null : inner;
        }

        if (value is null)
        {
            return new NullValueNode(default);
        }

        switch (type)
        {
            case ListType list when value is IEnumerable items and not string:
                var values = new List<ValueNode>();
                foreach (var item in items)
                {
                    if (Convert(item, list.OfType) is { } node)
                    {
                        values.Add(node);
                    }
                }

                return new ListValueNode(default, values);
            case ListType list:
                return Convert(value, list.OfType);
            case InputObjectType input when value is IReadOnlyDictionary<string, object?> fields:
                var objectFields = new List<ObjectFieldNode>();
                foreach (var field in input.Fields)
                {
                    if (fields.TryGetValue(field.Name, out var fieldValue) && Convert(fieldValue, field.Type) is { } node)
                    {
                        objectFields.Add(new ObjectFieldNode(default, new NameNode(default, field.Name), node));
                    }
                }

                return new ObjectValueNode(default, objectFields);
            case EnumType @enum:
                return new EnumValueNode(default, @enum.Serialize(value));
            case ScalarType scalar:
                return scalar.ToLiteral(value);
            default:
                return null;
        }
    }

    /// <summary>The printed default value of an argument or input field, or null when it has none.</summary>
    public static string? PrintDefault(InputValueDefinition definition) =>
        definition.HasDefaultValue && Convert(definition.DefaultValue, definition.Type) is { } literal
            ? Language.Printer.Print(literal)
            : null;
}
