using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Execution;

/// <summary>Spec 6.4.2 CoerceArgumentValues.</summary>
internal static class ArgumentCoercion
{
    private static readonly IReadOnlyDictionary<string, object?> None = new Dictionary<string, object?>();

    public static IReadOnlyDictionary<string, object?> Coerce(
        FieldDefinition definition, FieldNode node, IReadOnlyDictionary<string, object?> variables) =>
        Coerce(definition.Arguments, node.Arguments, variables, definition.Name);

    public static IReadOnlyDictionary<string, object?> Coerce(
        IReadOnlyList<InputValueDefinition> definitions,
        IReadOnlyList<ArgumentNode> arguments,
        IReadOnlyDictionary<string, object?> variables,
        string owner)
    {
        if (definitions.Count == 0)
        {
            return None;
        }

        var result = new Dictionary<string, object?>(definitions.Count, StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            var node = Find(arguments, definition.Name);
            object? value;
            try
            {
                value = node is null ? ValueCoercion.Undefined : ValueCoercion.CoerceLiteral(node.Value, definition.Type, variables, "");
            }
            catch (InputCoercionException e)
            {
                throw new InputCoercionException(e.Describe($"Argument \"{definition.Name}\" of \"{owner}\"", definition.Name));
            }

            if (value != ValueCoercion.Undefined)
            {
                result[definition.Name] = value;
            }
            else if (definition.HasDefaultValue)
            {
                result[definition.Name] = definition.DefaultValue;
            }
            else if (definition.Type.IsNonNull)
            {
                throw new InputCoercionException(
                    $"Argument \"{definition.Name}\" of required type \"{definition.Type}\" was not provided.");
            }
        }

        return result;
    }

    private static ArgumentNode? Find(IReadOnlyList<ArgumentNode> arguments, string name)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].Name.Value == name)
            {
                return arguments[i];
            }
        }

        return null;
    }
}
