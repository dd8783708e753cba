namespace Cabinets.GraphQL.Types;

/// <summary>Collected configuration of an object or interface type.</summary>
internal sealed class ComplexTypeConfig(string name, bool isInterface, Type sourceType)
{
    public string Name { get; } = name;

    public bool IsInterface { get; } = isInterface;

    public Type SourceType { get; } = sourceType;

    public string? Description { get; set; }

    public List<FieldConfig> Fields { get; } = [];

    public List<string> Interfaces { get; } = [];

    public Func<object, bool>? IsTypeOf { get; set; }

    public Func<object, string?>? ResolveType { get; set; }
}

/// <summary>
/// Declares an object type whose resolvers receive parents of type <typeparamref name="TSource"/>.
/// Calling <see cref="SchemaBuilder.Object{TSource}"/> again with the same name adds more fields
/// (how a feature module extends <c>Query</c>).
/// </summary>
public class ObjectTypeBuilder<TSource>
{
    internal ObjectTypeBuilder(ComplexTypeConfig config) => Config = config;

    internal ComplexTypeConfig Config { get; }

    public ObjectTypeBuilder<TSource> Description(string description)
    {
        Config.Description = description;
        return this;
    }

    public ObjectTypeBuilder<TSource> Implements(params string[] interfaces)
    {
        Config.Interfaces.AddRange(interfaces.Where(i => !Config.Interfaces.Contains(i)));
        return this;
    }

    /// <summary>A field resolved from the parent value: <c>.Field("serialNumber", "String!", c => c.SerialNumber)</c>.</summary>
    public ObjectTypeBuilder<TSource> Field(string name, TypeRef type, Func<TSource, object?> resolve)
    {
        AddField(name, type).ResolveFromSource(resolve);
        return this;
    }

    /// <summary>A Boolean field resolved from the parent value, without boxing.</summary>
    public ObjectTypeBuilder<TSource> Field(string name, TypeRef type, Func<TSource, bool> resolve)
    {
        AddField(name, type).Config.SourceResolver = source => BuiltInScalars.Box(resolve((TSource)source!));
        return this;
    }

    /// <summary>An Int field resolved from the parent value; small values are not boxed.</summary>
    public ObjectTypeBuilder<TSource> Field(string name, TypeRef type, Func<TSource, int> resolve)
    {
        AddField(name, type).Config.SourceResolver = source => BuiltInScalars.Box(resolve((TSource)source!));
        return this;
    }

    /// <summary>A field with arguments, a context-taking or async resolver, permissions or a cost.</summary>
    public ObjectTypeBuilder<TSource> Field(string name, TypeRef type, Action<FieldBuilder<TSource>> configure)
    {
        configure(AddField(name, type));
        return this;
    }

    /// <summary>A field read by the default resolver: a dictionary parent's entry with the field's name.</summary>
    public ObjectTypeBuilder<TSource> Field(string name, TypeRef type)
    {
        AddField(name, type);
        return this;
    }

    /// <summary>Overrides how values are recognized as this type (default: <c>value is TSource</c>).</summary>
    public ObjectTypeBuilder<TSource> IsTypeOf(Func<object, bool> isTypeOf)
    {
        Config.IsTypeOf = isTypeOf;
        return this;
    }

    private FieldBuilder<TSource> AddField(string name, TypeRef type)
    {
        var config = new FieldConfig(name, type);
        Config.Fields.Add(config);
        return new FieldBuilder<TSource>(config);
    }
}

/// <summary>Declares an interface: its fields (resolved by the implementing objects) and how to pick the object type.</summary>
public sealed class InterfaceTypeBuilder
{
    internal InterfaceTypeBuilder(ComplexTypeConfig config) => Config = config;

    internal ComplexTypeConfig Config { get; }

    public InterfaceTypeBuilder Description(string description)
    {
        Config.Description = description;
        return this;
    }

    public InterfaceTypeBuilder Implements(params string[] interfaces)
    {
        Config.Interfaces.AddRange(interfaces.Where(i => !Config.Interfaces.Contains(i)));
        return this;
    }

    public InterfaceTypeBuilder Field(string name, TypeRef type, Action<FieldBuilder<object>>? configure = null)
    {
        var config = new FieldConfig(name, type);
        configure?.Invoke(new FieldBuilder<object>(config));
        Config.Fields.Add(config);
        return this;
    }

    /// <summary>Names the object type of a value; without it, each possible type's IsTypeOf is asked.</summary>
    public InterfaceTypeBuilder ResolveType(Func<object, string?> resolveType)
    {
        Config.ResolveType = resolveType;
        return this;
    }
}

public sealed class UnionTypeBuilder
{
    internal UnionTypeBuilder(string name) => Name = name;

    internal string Name { get; }

    internal string? DescriptionText { get; private set; }

    internal List<string> Members { get; } = [];

    internal Func<object, string?>? TypeResolver { get; private set; }

    public UnionTypeBuilder Description(string description)
    {
        DescriptionText = description;
        return this;
    }

    public UnionTypeBuilder Types(params string[] objectTypes)
    {
        Members.AddRange(objectTypes.Where(t => !Members.Contains(t)));
        return this;
    }

    public UnionTypeBuilder ResolveType(Func<object, string?> resolveType)
    {
        TypeResolver = resolveType;
        return this;
    }
}
