using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Types;

/// <summary>One value of an enum: its GraphQL name and the CLR value resolvers return and receive.</summary>
public sealed class EnumValueDefinition(string name, object value, string? description = null, string? deprecationReason = null)
{
    public string Name { get; } = name;

    public object Value { get; } = value;

    public string? Description { get; } = description;

    public string? DeprecationReason { get; } = deprecationReason;

    public bool IsDeprecated => DeprecationReason is not null;
}

/// <summary>An enum type (spec 3.9): values serialize by name; inputs coerce to the CLR value.</summary>
public sealed class EnumType : NamedType
{
    private readonly Dictionary<string, EnumValueDefinition> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<object, EnumValueDefinition> _byValue = [];

    public EnumType(string name, IEnumerable<EnumValueDefinition> values, string? description = null)
        : base(name, description)
    {
        Values = [.. values];
        foreach (var value in Values)
        {
            _byName.Add(value.Name, value);
            _byValue.TryAdd(value.Value, value);
        }
    }

    public override TypeKind Kind => TypeKind.Enum;

    public IReadOnlyList<EnumValueDefinition> Values { get; }

    public EnumValueDefinition? GetValue(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Result coercion: the CLR value (or its name as a string) to the value's name.</summary>
    public string Serialize(object value) =>
        _byValue.TryGetValue(value, out var byValue) ? byValue.Name
        : value is string s && _byName.ContainsKey(s) ? s
        : throw new ResultCoercionException($"Enum \"{Name}\" cannot represent value: {Utilities.Inspect.Value(value)}");

    public object ParseValue(object value) => value switch
    {
        string s when _byName.TryGetValue(s, out var definition) => definition.Value,
        string s => throw new InputCoercionException($"Value \"{s}\" does not exist in \"{Name}\" enum."),
        _ => throw new InputCoercionException($"Enum \"{Name}\" cannot represent non-string value: {Utilities.Inspect.Value(value)}."),
    };

    public object ParseLiteral(ValueNode literal) => literal switch
    {
        EnumValueNode e when _byName.TryGetValue(e.Value, out var definition) => definition.Value,
        EnumValueNode e => throw new InputCoercionException($"Value \"{e.Value}\" does not exist in \"{Name}\" enum."),
        _ => throw new InputCoercionException($"Enum \"{Name}\" cannot represent non-enum value: {Language.Printer.Print(literal)}."),
    };
}
