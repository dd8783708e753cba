using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Execution;

/// <summary>The state of one operation's execution, shared by all its resolvers.</summary>
internal sealed class OperationContext(
    Schema schema,
    ExecutionRequest request,
    OperationDefinitionNode operation,
    IReadOnlyDictionary<string, FragmentDefinitionNode> fragments,
    IReadOnlyDictionary<string, object?> variables,
    ExecutorOptions options,
    CancellationToken cancellationToken)
{
    public Schema Schema { get; } = schema;

    public ExecutionRequest Request { get; } = request;

    public OperationDefinitionNode Operation { get; } = operation;

    public IReadOnlyDictionary<string, FragmentDefinitionNode> Fragments { get; } = fragments;

    public IReadOnlyDictionary<string, object?> Variables { get; } = variables;

    public ExecutorOptions Options { get; } = options;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public DataLoaderRegistry DataLoaders { get; } = new(cancellationToken);
}
