namespace Cabinets.GraphQL.Types;

/// <summary>Declares an input object; <see cref="OneOf"/> makes it <c>@oneOf</c>.</summary>
public sealed class InputObjectTypeBuilder
{
    internal InputObjectTypeBuilder(string name) => Name = name;

    internal string Name { get; }

    internal string? DescriptionText { get; private set; }

    internal bool IsOneOf { get; private set; }

    internal List<InputValueConfig> Fields { get; } = [];

    public InputObjectTypeBuilder Description(string description)
    {
        DescriptionText = description;
        return this;
    }

    public InputObjectTypeBuilder OneOf()
    {
        IsOneOf = true;
        return this;
    }

    public InputObjectTypeBuilder Field(string name, TypeRef type, Action<InputValueBuilder>? configure = null)
    {
        var config = new InputValueConfig(name, type);
        configure?.Invoke(new InputValueBuilder(config));
        Fields.Add(config);
        return this;
    }
}

/// <summary>Declares an enum's values; each maps a GraphQL name to the CLR value resolvers use.</summary>
public sealed class EnumTypeBuilder
{
    internal EnumTypeBuilder(string name) => Name = name;

    internal string Name { get; }

    internal string? DescriptionText { get; private set; }

    internal List<EnumValueDefinition> Values { get; } = [];

    public EnumTypeBuilder Description(string description)
    {
        DescriptionText = description;
        return this;
    }

    /// <summary>Adds a value; <paramref name="value"/> defaults to the name itself.</summary>
    public EnumTypeBuilder Value(string name, object? value = null, string? description = null, string? deprecationReason = null)
    {
        Values.RemoveAll(v => v.Name == name);
        Values.Add(new EnumValueDefinition(name, value ?? name, description, deprecationReason));
        return this;
    }

    /// <summary>Marks an already added value as deprecated.</summary>
    public EnumTypeBuilder Deprecate(string name, string reason = BuiltInDirectives.DefaultDeprecationReason)
    {
        var index = Values.FindIndex(v => v.Name == name);
        if (index < 0)
        {
            throw new SchemaException($"Enum {Name} has no value {name}.");
        }

        var old = Values[index];
        Values[index] = new EnumValueDefinition(old.Name, old.Value, old.Description, reason);
        return this;
    }

    public EnumTypeBuilder Describe(string name, string description)
    {
        var index = Values.FindIndex(v => v.Name == name);
        if (index < 0)
        {
            throw new SchemaException($"Enum {Name} has no value {name}.");
        }

        var old = Values[index];
        Values[index] = new EnumValueDefinition(old.Name, old.Value, description, old.DeprecationReason);
        return this;
    }
}

/// <summary>Declares a custom directive definition.</summary>
public sealed class DirectiveBuilder
{
    internal DirectiveBuilder(string name) => Name = name;

    internal string Name { get; }

    internal string? DescriptionText { get; private set; }

    internal bool IsRepeatable { get; private set; }

    internal List<DirectiveLocation> LocationList { get; } = [];

    internal List<InputValueConfig> Arguments { get; } = [];

    public DirectiveBuilder Description(string description)
    {
        DescriptionText = description;
        return this;
    }

    public DirectiveBuilder Repeatable()
    {
        IsRepeatable = true;
        return this;
    }

    public DirectiveBuilder Locations(params DirectiveLocation[] locations)
    {
        LocationList.AddRange(locations.Where(l => !LocationList.Contains(l)));
        return this;
    }

    public DirectiveBuilder Argument(string name, TypeRef type, Action<InputValueBuilder>? configure = null)
    {
        var config = new InputValueConfig(name, type);
        configure?.Invoke(new InputValueBuilder(config));
        Arguments.Add(config);
        return this;
    }
}
