using System.Text;
using Cabinets.GraphQL.Language;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Utilities;

/// <summary>
/// Prints a schema as SDL in graphql-js <c>printSchema</c>'s exact format: built-in scalars,
/// introspection types and specified directives left out; types in <see cref="Schema.Types"/> order.
/// </summary>
public static class SchemaPrinter
{
    public static string Print(Schema schema)
    {
        var parts = new List<string>();
        if (PrintSchemaDefinition(schema) is { } definition)
        {
            parts.Add(definition);
        }

        parts.AddRange(schema.Directives.Where(d => !BuiltInDirectives.IsBuiltIn(d.Name)).Select(PrintDirective));
        parts.AddRange(schema.Types
            .Where(t => !BuiltInScalars.IsBuiltIn(t.Name) && !t.Name.StartsWith("__", StringComparison.Ordinal))
            .Select(PrintType));
        return string.Join("\n\n", parts);
    }

    private static string? PrintSchemaDefinition(Schema schema)
    {
        var common = schema.QueryType.Name == "Query"
            && schema.MutationType?.Name is null or "Mutation"
            && schema.SubscriptionType?.Name is null or "Subscription";
        if (schema.Description is null && common)
        {
            return null;
        }

        var operations = new List<string> { $"  query: {schema.QueryType.Name}" };
        if (schema.MutationType is { } mutation)
        {
            operations.Add($"  mutation: {mutation.Name}");
        }

        if (schema.SubscriptionType is { } subscription)
        {
            operations.Add($"  subscription: {subscription.Name}");
        }

        return Description(schema.Description) + $"schema {{\n{string.Join('\n', operations)}\n}}";
    }

    public static string PrintType(NamedType type) => type switch
    {
        ScalarType s => Description(s.Description) + "scalar " + s.Name
            + (s.SpecifiedByUrl is { } url ? $" @specifiedBy(url: {Printer.PrintString(url)})" : ""),
        ObjectType o => Description(o.Description) + "type " + o.Name + Interfaces(o) + Fields(o),
        InterfaceType i => Description(i.Description) + "interface " + i.Name + Interfaces(i) + Fields(i),
        UnionType u => Description(u.Description) + "union " + u.Name
            + (u.Types.Count > 0 ? " = " + string.Join(" | ", u.Types.Select(t => t.Name)) : ""),
        EnumType e => Description(e.Description) + "enum " + e.Name + Block(e.Values.Select((v, i) =>
            Description(v.Description, "  ", i == 0) + "  " + v.Name + Deprecated(v.DeprecationReason))),
        InputObjectType i => Description(i.Description) + "input " + i.Name + (i.IsOneOf ? " @oneOf" : "")
            + Block(i.Fields.Select((f, index) => Description(f.Description, "  ", index == 0) + "  " + InputValue(f))),
        _ => throw new NotSupportedException(type.GetType().Name),
    };

    private static string PrintDirective(DirectiveDefinition directive) =>
        Description(directive.Description) + "directive @" + directive.Name + Arguments(directive.Arguments, "")
        + (directive.IsRepeatable ? " repeatable" : "")
        + " on " + string.Join(" | ", directive.Locations.Select(l => l.Name()));

    private static string Interfaces(ComplexType type) =>
        type.Interfaces.Count > 0 ? " implements " + string.Join(" & ", type.Interfaces.Select(i => i.Name)) : "";

    private static string Fields(ComplexType type) => Block(type.Fields.Select((f, i) =>
        Description(f.Description, "  ", i == 0) + "  " + f.Name + Arguments(f.Arguments, "  ") + ": " + f.Type
        + Deprecated(f.DeprecationReason)));

    private static string Block(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count > 0 ? " {\n" + string.Join('\n', list) + "\n}" : "";
    }

    private static string Arguments(IReadOnlyList<InputValueDefinition> arguments, string indentation)
    {
        if (arguments.Count == 0)
        {
            return "";
        }

        if (arguments.All(a => string.IsNullOrEmpty(a.Description)))
        {
            return "(" + string.Join(", ", arguments.Select(InputValue)) + ")";
        }

        return "(\n" + string.Join('\n', arguments.Select((a, i) =>
            Description(a.Description, "  " + indentation, i == 0) + "  " + indentation + InputValue(a)))
            + "\n" + indentation + ")";
    }

    private static string InputValue(InputValueDefinition value)
    {
        var text = value.Name + ": " + value.Type;
        if (ValueToLiteral.PrintDefault(value) is { } defaultValue)
        {
            text += " = " + defaultValue;
        }

        return text + Deprecated(value.DeprecationReason);
    }

    private static string Deprecated(string? reason) => reason switch
    {
        null => "",
        BuiltInDirectives.DefaultDeprecationReason => " @deprecated",
        _ => $" @deprecated(reason: {Printer.PrintString(reason)})",
    };

    private static string Description(string? description, string indentation = "", bool firstInBlock = true)
    {
        if (description is null)
        {
            return "";
        }

        var text = BlockString.IsPrintable(description) ? BlockString.Print(description) : Printer.PrintString(description);
        var prefix = indentation.Length > 0 && !firstInBlock ? "\n" + indentation : indentation;
        return new StringBuilder(prefix).Append(text.Replace("\n", "\n" + indentation, StringComparison.Ordinal)).Append('\n').ToString();
    }
}
