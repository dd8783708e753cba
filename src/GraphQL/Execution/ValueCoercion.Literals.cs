using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Execution;

public static partial class ValueCoercion
{
    /// <summary>
    /// Coerces a literal (spec 6.4.2 CoerceArgumentValues, per value). Variables are looked up in
    /// <paramref name="variables"/> (already coerced); an absent one yields <see cref="Undefined"/>.
    /// </summary>
    public static object? CoerceLiteral(
        ValueNode literal, GraphQLType type, IReadOnlyDictionary<string, object?>? variables, string path)
    {
        if (literal is VariableNode variable)
        {
            return variables is not null && variables.TryGetValue(variable.Name.Value, out var value)
                ? (value is null && type.IsNonNull
                    ? throw new InputCoercionException($"Variable \"${variable.Name.Value}\" is null but \"{type}\" is required.", path, literal)
                    : value)
                : Undefined;
        }

        if (type is NonNullType nonNull)
        {
            var inner = literal is NullValueNode
                ? throw new InputCoercionException($"Expected value of non-null type \"{type}\" not to be null.", path, literal)
                : CoerceLiteral(literal, nonNull.OfType, variables, path);
            return inner == Undefined
                ? throw new InputCoercionException($"Expected a value of non-null type \"{type}\".", path, literal)
                : inner;
        }

        if (literal is NullValueNode)
        {
            return null;
        }

        switch (type)
        {
            case ListType list when literal is ListValueNode items:
                var result = new object?[items.Values.Count];
                for (var i = 0; i < result.Length; i++)
                {
                    var item = CoerceLiteral(items.Values[i], list.OfType, variables, $"{path}[{i}]");
                    result[i] = item == Undefined ? null : item;
                }

                return result;
            case ListType list:
                var single = CoerceLiteral(literal, list.OfType, variables, path);
                return single == Undefined ? Undefined : new[] { single };
            case InputObjectType input:
                return CoerceObjectLiteral(literal, input, variables, path);
            case EnumType @enum:
                return Leaf(path, literal, () => @enum.ParseLiteral(literal));
            case ScalarType scalar:
                return Leaf(path, literal, () => scalar.ParseLiteral(literal));
            default:
                throw new InputCoercionException($"{type} is not an input type.", path, literal);
        }
    }

    private static Dictionary<string, object?> CoerceObjectLiteral(
        ValueNode literal, InputObjectType input, IReadOnlyDictionary<string, object?>? variables, string path)
    {
        if (literal is not ObjectValueNode objectValue)
        {
            throw new InputCoercionException($"Expected type \"{input.Name}\" to be an object.", path, literal);
        }

        foreach (var field in objectValue.Fields)
        {
            if (input.GetField(field.Name.Value) is null)
            {
                throw new InputCoercionException($"Field \"{field.Name.Value}\" is not defined by type \"{input.Name}\".", path, literal);
            }
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var definition in input.Fields)
        {
            var node = FindField(objectValue, definition.Name);
            var value = node is null ? Undefined : CoerceLiteral(node.Value, definition.Type, variables, Append(path, definition.Name));
            if (value != Undefined)
            {
                result[definition.Name] = value;
            }
            else if (definition.HasDefaultValue)
            {
                result[definition.Name] = definition.DefaultValue;
            }
            else if (definition.Type.IsNonNull)
            {
                throw new InputCoercionException($"Field \"{definition.Name}\" of required type \"{definition.Type}\" was not provided.", path, literal);
            }
        }

        CheckOneOf(input, result, path, literal);
        return result;
    }

    private static ObjectFieldNode? FindField(ObjectValueNode value, string name)
    {
        foreach (var field in value.Fields)
        {
            if (field.Name.Value == name)
            {
                return field;
            }
        }

        return null;
    }
}
