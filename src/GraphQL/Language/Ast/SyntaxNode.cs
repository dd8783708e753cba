namespace Cabinets.GraphQL.Language.Ast;

/// <summary>
/// Base of every AST node. Nodes are immutable records; child lists are never null (empty when absent).
/// <see cref="Location"/> is where the node's first token starts.
/// </summary>
public abstract record SyntaxNode(Location Location);

public sealed record NameNode(Location Location, string Value) : SyntaxNode(Location)
{
    public override string ToString() => Value;
}

public sealed record DocumentNode(Location Location, IReadOnlyList<DefinitionNode> Definitions) : SyntaxNode(Location)
{
    public IEnumerable<OperationDefinitionNode> Operations => Definitions.OfType<OperationDefinitionNode>();

    public IEnumerable<FragmentDefinitionNode> Fragments => Definitions.OfType<FragmentDefinitionNode>();
}

/// <summary>Any top-level definition: executable (operation, fragment) or type system (definition, extension).</summary>
public abstract record DefinitionNode(Location Location) : SyntaxNode(Location);

public abstract record ExecutableDefinitionNode(Location Location) : DefinitionNode(Location);

/// <summary>Type system definitions and extensions; a request document containing one fails validation.</summary>
public abstract record TypeSystemDefinitionNode(Location Location) : DefinitionNode(Location);

public enum OperationType
{
    Query,
    Mutation,
    Subscription,
}

public sealed record DirectiveNode(Location Location, NameNode Name, IReadOnlyList<ArgumentNode> Arguments)
    : SyntaxNode(Location);

public sealed record ArgumentNode(Location Location, NameNode Name, ValueNode Value) : SyntaxNode(Location);
