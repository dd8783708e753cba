using Cabinets.GraphQL.Execution;

namespace Cabinets.GraphQL.Types;

/// <summary>Configures one field: description, arguments, resolver, permissions and cost.</summary>
public sealed class FieldBuilder<TSource>
{
    internal FieldBuilder(FieldConfig config) => Config = config;

    internal FieldConfig Config { get; }

    public FieldBuilder<TSource> Description(string description)
    {
        Config.Description = description;
        return this;
    }

    public FieldBuilder<TSource> Deprecated(string reason = BuiltInDirectives.DefaultDeprecationReason)
    {
        Config.DeprecationReason = reason;
        return this;
    }

    /// <summary>Adds an argument; use the overload with a configure action for a default value or deprecation.</summary>
    public FieldBuilder<TSource> Argument(string name, TypeRef type, string? description = null)
    {
        Config.Arguments.Add(new InputValueConfig(name, type) { Description = description });
        return this;
    }

    public FieldBuilder<TSource> Argument(string name, TypeRef type, Action<InputValueBuilder> configure)
    {
        var config = new InputValueConfig(name, type);
        configure(new InputValueBuilder(config));
        Config.Arguments.Add(config);
        return this;
    }

    /// <summary>A synchronous resolver.</summary>
    public FieldBuilder<TSource> Resolve(Func<ResolveContext<TSource>, object?> resolve)
    {
        Config.SourceResolver = null;
        Config.Resolver = context => new ValueTask<object?>(resolve(new ResolveContext<TSource>(context)));
        return this;
    }

    /// <summary>An asynchronous resolver; siblings run concurrently in queries, one at a time in mutations.</summary>
    public FieldBuilder<TSource> ResolveAsync(Func<ResolveContext<TSource>, ValueTask<object?>> resolve)
    {
        Config.SourceResolver = null;
        Config.Resolver = context => resolve(new ResolveContext<TSource>(context));
        return this;
    }

    public FieldBuilder<TSource> ResolveAsync<TResult>(Func<ResolveContext<TSource>, Task<TResult>> resolve)
    {
        Config.SourceResolver = null;
        Config.Resolver = async context => await resolve(new ResolveContext<TSource>(context)).ConfigureAwait(false);
        return this;
    }

    /// <summary>Resolves from the parent value alone; the cheapest form (no context is built).</summary>
    public FieldBuilder<TSource> ResolveFromSource(Func<TSource, object?> resolve)
    {
        Config.Resolver = null;
        Config.SourceResolver = source => resolve((TSource)source!);
        return this;
    }

    /// <summary>The caller must hold every one of these permissions (checked by the executor's field authorizer).</summary>
    public FieldBuilder<TSource> RequirePermissions(params string[] permissions)
    {
        Config.Permissions.AddRange(permissions);
        return this;
    }

    /// <summary>
    /// Cost of selecting this field once; the cost of its selection set is multiplied by the value
    /// of each argument named in <paramref name="multipliers"/> (e.g. <c>first</c>). ADR-0008.
    /// </summary>
    public FieldBuilder<TSource> Cost(int cost, params string[] multipliers)
    {
        Config.Cost = cost;
        Config.CostMultipliers.AddRange(multipliers);
        return this;
    }

    /// <summary>
    /// How many items the field returns when no multiplier argument is given (HotChocolate's
    /// <c>@listSize(assumedSize:)</c>): a connection without <c>first</c>/<c>last</c> returns its
    /// default page, and is costed as that many rows. ADR-0008.
    /// </summary>
    public FieldBuilder<TSource> AssumedSize(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Config.CostAssumedSize = size;
        return this;
    }

    public FieldBuilder<TSource> Metadata(string key, object? value)
    {
        Config.Metadata[key] = value;
        return this;
    }
}

/// <summary>Configures an argument or input field.</summary>
public sealed class InputValueBuilder
{
    internal InputValueBuilder(InputValueConfig config) => Config = config;

    internal InputValueConfig Config { get; }

    public InputValueBuilder Description(string description)
    {
        Config.Description = description;
        return this;
    }

    public InputValueBuilder Deprecated(string reason = BuiltInDirectives.DefaultDeprecationReason)
    {
        Config.DeprecationReason = reason;
        return this;
    }

    /// <summary>Default as a CLR value: numbers, strings, booleans, enum members, lists, dictionaries for input objects.</summary>
    public InputValueBuilder DefaultValue(object? value)
    {
        Config.HasDefaultValue = true;
        Config.DefaultValue = value;
        Config.DefaultLiteral = null;
        return this;
    }

    /// <summary>Default as a GraphQL literal, e.g. <c>{region: "CN", first: 10}</c>.</summary>
    public InputValueBuilder DefaultLiteral(string literal)
    {
        Config.HasDefaultValue = true;
        Config.DefaultLiteral = literal;
        return this;
    }
}
