namespace Cabinets.GraphQL.Types;

/// <summary>Decides the object type of a value of an abstract (interface or union) type.</summary>
public delegate ObjectType? TypeResolver(object value, Schema schema);

/// <summary>Object and interface types: named types with fields and implemented interfaces.</summary>
public abstract class ComplexType(string name, string? description) : NamedType(name, description)
{
    private readonly Dictionary<string, FieldDefinition> _fieldsByName = new(StringComparer.Ordinal);
    private readonly List<FieldDefinition> _fields = [];
    private readonly List<InterfaceType> _interfaces = [];

    public IReadOnlyList<FieldDefinition> Fields => _fields;

    public IReadOnlyList<InterfaceType> Interfaces => _interfaces;

    public FieldDefinition? GetField(string name) => _fieldsByName.GetValueOrDefault(name);

    public bool Implements(InterfaceType type) => _interfaces.Contains(type);

    internal void AddField(FieldDefinition field)
    {
        if (!_fieldsByName.TryAdd(field.Name, field))
        {
            throw new SchemaException($"{Name}.{field.Name} is defined more than once.");
        }

        _fields.Add(field);
    }

    internal void AddInterface(InterfaceType type)
    {
        if (!_interfaces.Contains(type))
        {
            _interfaces.Add(type);
        }
    }
}

public sealed class ObjectType(string name, string? description = null) : ComplexType(name, description)
{
    public override TypeKind Kind => TypeKind.Object;

    /// <summary>Recognizes values of this type when an abstract type has no <see cref="TypeResolver"/>.</summary>
    public Func<object, bool>? IsTypeOf { get; internal set; }
}

public sealed class InterfaceType(string name, string? description = null) : ComplexType(name, description)
{
    public override TypeKind Kind => TypeKind.Interface;

    public TypeResolver? ResolveType { get; internal set; }
}

public sealed class UnionType(string name, string? description = null) : NamedType(name, description)
{
    private readonly List<ObjectType> _types = [];

    public override TypeKind Kind => TypeKind.Union;

    public IReadOnlyList<ObjectType> Types => _types;

    public TypeResolver? ResolveType { get; internal set; }

    internal void AddType(ObjectType type)
    {
        if (!_types.Contains(type))
        {
            _types.Add(type);
        }
    }
}

/// <summary>An input object (spec 3.10); <see cref="IsOneOf"/> marks <c>@oneOf</c>: exactly one field, non-null.</summary>
public sealed class InputObjectType(string name, string? description = null) : NamedType(name, description)
{
    private readonly Dictionary<string, InputValueDefinition> _fieldsByName = new(StringComparer.Ordinal);
    private readonly List<InputValueDefinition> _fields = [];

    public override TypeKind Kind => TypeKind.InputObject;

    public IReadOnlyList<InputValueDefinition> Fields => _fields;

    public bool IsOneOf { get; internal set; }

    public InputValueDefinition? GetField(string name) => _fieldsByName.GetValueOrDefault(name);

    internal void AddField(InputValueDefinition field)
    {
        if (!_fieldsByName.TryAdd(field.Name, field))
        {
            throw new SchemaException($"{Name}.{field.Name} is defined more than once.");
        }

        _fields.Add(field);
    }
}

/// <summary>The schema built in code is not valid (spec 3, "Type Validation").</summary>
public sealed class SchemaException(string message) : Exception(message);
