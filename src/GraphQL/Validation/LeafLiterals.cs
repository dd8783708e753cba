using System.Globalization;
using Cabinets.GraphQL.Language;
using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Validation;

/// <summary>
/// Why a literal is not a value of a leaf type, worded as graphql-js's scalars and enums word it
/// (their <c>parseLiteral</c> errors), or null when it is one. Custom scalars decide themselves.
/// </summary>
internal static class LeafLiterals
{
    /// <summary>The message, and whether it stands alone (graphql-js GraphQLError) or follows "Expected value of type …; ".</summary>
    public static (string Message, bool Standalone)? Check(NamedType type, ValueNode node)
    {
        var printed = Printer.Print(node);
        if (type == BuiltInScalars.Int)
        {
            return node is not IntValueNode integer ? ($"Int cannot represent non-integer value: {printed}", true)
                : !int.TryParse(integer.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                    ? ($"Int cannot represent non 32-bit signed integer value: {integer.Value}", true)
                : null;
        }

        if (type == BuiltInScalars.Float)
        {
            return node is IntValueNode or FloatValueNode ? null : ($"Float cannot represent non numeric value: {printed}", true);
        }

        if (type == BuiltInScalars.String)
        {
            return node is StringValueNode ? null : ($"String cannot represent a non string value: {printed}", true);
        }

        if (type == BuiltInScalars.Boolean)
        {
            return node is BooleanValueNode ? null : ($"Boolean cannot represent a non boolean value: {printed}", true);
        }

        if (type == BuiltInScalars.ID)
        {
            return node is StringValueNode or IntValueNode ? null : ($"ID cannot represent a non-string and non-integer value: {printed}", true);
        }

        if (type is EnumType @enum)
        {
            if (node is EnumValueNode value && @enum.GetValue(value.Value) is not null)
            {
                return null;
            }

            var hint = Suggestions.DidYouMean("the enum value", Suggestions.List(printed, @enum.Values.Select(v => v.Name)));
            return node is EnumValueNode
                ? ($"Value \"{printed}\" does not exist in \"{@enum.Name}\" enum.{hint}", true)
                : ($"Enum \"{@enum.Name}\" cannot represent non-enum value: {printed}.{hint}", true);
        }

        try
        {
            ((ScalarType)type).ParseLiteral(node);
            return null;
        }
        catch (InputCoercionException e)
        {
            return (e.Message, false);
        }
    }
}
