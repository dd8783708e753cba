namespace Cabinets.GraphQL.Types;

/// <summary>What a builder has collected about one field until <see cref="SchemaBuilder.Build"/>.</summary>
internal sealed class FieldConfig(string name, TypeRef type)
{
    public string Name { get; } = name;

    public TypeRef Type { get; set; } = type;

    public string? Description { get; set; }

    public string? DeprecationReason { get; set; }

    public List<InputValueConfig> Arguments { get; } = [];

    public FieldResolver? Resolver { get; set; }

    public Func<object?, object?>? SourceResolver { get; set; }

    public List<string> Permissions { get; } = [];

    public int Cost { get; set; } = 1;

    public List<string> CostMultipliers { get; } = [];

    public int? CostAssumedSize { get; set; }

    public Dictionary<string, object?> Metadata { get; } = [];
}

/// <summary>An argument or input field under construction. A default is a CLR value or a GraphQL literal.</summary>
internal sealed class InputValueConfig(string name, TypeRef type)
{
    public string Name { get; } = name;

    public TypeRef Type { get; } = type;

    public string? Description { get; set; }

    public string? DeprecationReason { get; set; }

    public bool HasDefaultValue { get; set; }

    public object? DefaultValue { get; set; }

    public string? DefaultLiteral { get; set; }
}
