namespace Cabinets.GraphQL.Types;

/// <summary>Resolves a field's value; <see cref="ValueTask{TResult}"/> keeps synchronous resolvers allocation-free.</summary>
public delegate ValueTask<object?> FieldResolver(Execution.ResolveContext context);

/// <summary>
/// A field of an object or interface type: its type and arguments, how it resolves, and the
/// metadata the Api and the limits read (required permissions, cost).
/// </summary>
public sealed class FieldDefinition
{
    private readonly Dictionary<string, InputValueDefinition> _arguments;

    internal FieldDefinition(string name, GraphQLType type, IReadOnlyList<InputValueDefinition> arguments)
    {
        Name = name;
        Type = type;
        Arguments = arguments;
        _arguments = arguments.ToDictionary(a => a.Name, StringComparer.Ordinal);
    }

    public string Name { get; }

    public string? Description { get; internal init; }

    public GraphQLType Type { get; }

    public IReadOnlyList<InputValueDefinition> Arguments { get; }

    public string? DeprecationReason { get; internal init; }

    public bool IsDeprecated => DeprecationReason is not null;

    /// <summary>The full resolver; null when <see cref="SourceResolver"/> or the default resolver applies.</summary>
    public FieldResolver? Resolver { get; internal init; }

    /// <summary>A synchronous function of the parent value only: the executor calls it without building a context.</summary>
    public Func<object?, object?>? SourceResolver { get; internal init; }

    /// <summary>Permissions a caller must hold to read this field; the Api's authorizer checks them.</summary>
    public IReadOnlyList<string> RequiredPermissions { get; internal init; } = [];

    /// <summary>Cost of selecting this field once (default 1); see ADR-0008.</summary>
    public int Cost { get; internal init; } = 1;

    /// <summary>
    /// Arguments whose integer value multiplies the cost of the field's selection set (e.g.
    /// <c>first</c>, <c>last</c>): the largest one given counts (HotChocolate's slicing arguments).
    /// </summary>
    public IReadOnlyList<string> CostMultipliers { get; internal init; } = [];

    /// <summary>The multiplier when none of <see cref="CostMultipliers"/> has a value (e.g. the default page size); 1 if unset.</summary>
    public int? CostAssumedSize { get; internal init; }

    /// <summary>Free-form metadata for the application (e.g. an audit category).</summary>
    public IReadOnlyDictionary<string, object?> Metadata { get; internal init; } = new Dictionary<string, object?>();

    public InputValueDefinition? GetArgument(string name) => _arguments.GetValueOrDefault(name);

    public override string ToString() => $"{Name}: {Type}";
}

/// <summary>An argument or an input object field (spec 3.6.1, 3.10).</summary>
public sealed class InputValueDefinition(string name, GraphQLType type)
{
    public string Name { get; } = name;

    public GraphQLType Type { get; } = type;

    public string? Description { get; internal init; }

    /// <summary>Whether a default is declared; <see cref="DefaultValue"/> may then be null (<c>= null</c>).</summary>
    public bool HasDefaultValue { get; internal init; }

    /// <summary>The default in coerced (internal) form.</summary>
    public object? DefaultValue { get; internal init; }

    public string? DeprecationReason { get; internal init; }

    public bool IsDeprecated => DeprecationReason is not null;

    public override string ToString() => $"{Name}: {Type}";
}
