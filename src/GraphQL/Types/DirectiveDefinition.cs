namespace Cabinets.GraphQL.Types;

/// <summary>Spec 3.13 <c>DirectiveLocation</c>; printed in SCREAMING_CASE by <see cref="DirectiveLocations.Name"/>.</summary>
public enum DirectiveLocation
{
    Query,
    Mutation,
    Subscription,
    Field,
    FragmentDefinition,
    FragmentSpread,
    InlineFragment,
    VariableDefinition,
    Schema,
    Scalar,
    Object,
    FieldDefinition,
    ArgumentDefinition,
    Interface,
    Union,
    Enum,
    EnumValue,
    InputObject,
    InputFieldDefinition,
}

public static class DirectiveLocations
{
    private static readonly string[] Names =
    [
        "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT",
        "VARIABLE_DEFINITION", "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE",
        "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT", "INPUT_FIELD_DEFINITION",
    ];

    public static string Name(this DirectiveLocation location) => Names[(int)location];

    public static DirectiveLocation? Parse(string name)
    {
        var index = Array.IndexOf(Names, name);
        return index < 0 ? null : (DirectiveLocation)index;
    }
}

public sealed class DirectiveDefinition(
    string name,
    IReadOnlyList<DirectiveLocation> locations,
    IReadOnlyList<InputValueDefinition> arguments,
    bool isRepeatable = false,
    string? description = null)
{
    public string Name { get; } = name;

    public string? Description { get; } = description;

    public IReadOnlyList<DirectiveLocation> Locations { get; } = locations;

    public IReadOnlyList<InputValueDefinition> Arguments { get; } = arguments;

    public bool IsRepeatable { get; } = isRepeatable;

    public InputValueDefinition? GetArgument(string name) => Arguments.FirstOrDefault(a => a.Name == name);

    public override string ToString() => "@" + Name;
}
