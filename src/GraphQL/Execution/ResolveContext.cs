using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Execution;

/// <summary>What a resolver may know about the field it resolves and the request it belongs to.</summary>
public sealed class ResolveContext
{
    private readonly OperationContext _operation;
    private readonly ResponsePath _path;

    internal ResolveContext(
        OperationContext operation,
        ObjectType parentType,
        FieldDefinition field,
        FieldNode fieldNode,
        object? source,
        IReadOnlyDictionary<string, object?> arguments,
        ResponsePath path)
    {
        _operation = operation;
        _path = path;
        ParentType = parentType;
        Field = field;
        FieldNode = fieldNode;
        Source = source;
        Arguments = arguments;
    }

    /// <summary>The parent value (the root value for root fields).</summary>
    public object? Source { get; }

    /// <summary>Coerced arguments: given, defaulted or from variables. Absent optional arguments are missing.</summary>
    public IReadOnlyDictionary<string, object?> Arguments { get; }

    public FieldDefinition Field { get; }

    public ObjectType ParentType { get; }

    public FieldNode FieldNode { get; }

    /// <summary>The response path, e.g. <c>["cabinets", 0, "doors"]</c>.</summary>
    public IReadOnlyList<object> Path => _path.ToList();

    /// <summary>The request's <see cref="ExecutionRequest.Context"/>: the Api puts the caller and services here.</summary>
    public object? UserContext => _operation.Request.Context;

    public Schema Schema => _operation.Schema;

    public OperationDefinitionNode Operation => _operation.Operation;

    public IReadOnlyDictionary<string, object?> Variables => _operation.Variables;

    /// <summary>Cancelled when the request is aborted or its timeout elapses.</summary>
    public CancellationToken CancellationToken => _operation.CancellationToken;

    public bool HasArgument(string name) => Arguments.ContainsKey(name);

    /// <summary>A coerced argument, converted to <typeparamref name="T"/> (e.g. an Int to <c>long</c>).</summary>
    public T Argument<T>(string name) =>
        Arguments.TryGetValue(name, out var value)
            ? ArgumentConverter.Convert<T>(value, name)
            : throw new InvalidOperationException($"Argument \"{name}\" was not provided and has no default.");

    public T? ArgumentOrDefault<T>(string name, T? fallback = default) =>
        Arguments.TryGetValue(name, out var value) && value is not null ? ArgumentConverter.Convert<T>(value, name) : fallback;

    /// <summary>
    /// The request's loader named <paramref name="name"/>, created on first use with
    /// <paramref name="batch"/>. Keys requested by all resolvers of one execution wave are loaded
    /// with a single call of <paramref name="batch"/>.
    /// </summary>
    public DataLoader<TKey, TValue> DataLoader<TKey, TValue>(string name, BatchLoadFunction<TKey, TValue> batch)
        where TKey : notnull =>
        _operation.DataLoaders.GetOrCreate(name, batch);
}

/// <summary>A typed view of <see cref="ResolveContext"/> with the parent value as <typeparamref name="TSource"/>.</summary>
public readonly struct ResolveContext<TSource>(ResolveContext context)
{
    public TSource Source => (TSource)context.Source!;

    public ResolveContext Untyped => context;

    public IReadOnlyDictionary<string, object?> Arguments => context.Arguments;

    public object? UserContext => context.UserContext;

    public CancellationToken CancellationToken => context.CancellationToken;

    public FieldDefinition Field => context.Field;

    public IReadOnlyList<object> Path => context.Path;

    public bool HasArgument(string name) => context.HasArgument(name);

    public T Argument<T>(string name) => context.Argument<T>(name);

    public T? ArgumentOrDefault<T>(string name, T? fallback = default) => context.ArgumentOrDefault(name, fallback);

    public DataLoader<TKey, TValue> DataLoader<TKey, TValue>(string name, BatchLoadFunction<TKey, TValue> batch)
        where TKey : notnull => context.DataLoader(name, batch);
}
