namespace Cabinets.GraphQL.Language.Ast;

/// <summary><c>query Name($v: T = default) @dir { ... }</c>; the shorthand <c>{ ... }</c> has no name and is a query.</summary>
public sealed record OperationDefinitionNode(
    Location Location,
    OperationType Operation,
    NameNode? Name,
    IReadOnlyList<VariableDefinitionNode> VariableDefinitions,
    IReadOnlyList<DirectiveNode> Directives,
    SelectionSetNode SelectionSet) : ExecutableDefinitionNode(Location)
{
    /// <summary>Spec 2025 executable description (not on the <c>{ ... }</c> shorthand).</summary>
    public StringValueNode? Description { get; init; }
}

public sealed record VariableDefinitionNode(
    Location Location,
    VariableNode Variable,
    TypeNode Type,
    ValueNode? DefaultValue,
    IReadOnlyList<DirectiveNode> Directives) : SyntaxNode(Location)
{
    public StringValueNode? Description { get; init; }
}

public sealed record FragmentDefinitionNode(
    Location Location,
    NameNode Name,
    NamedTypeNode TypeCondition,
    IReadOnlyList<DirectiveNode> Directives,
    SelectionSetNode SelectionSet) : ExecutableDefinitionNode(Location)
{
    public StringValueNode? Description { get; init; }
}

public sealed record SelectionSetNode(Location Location, IReadOnlyList<SelectionNode> Selections) : SyntaxNode(Location);

public abstract record SelectionNode(Location Location, IReadOnlyList<DirectiveNode> Directives) : SyntaxNode(Location);

/// <summary>A field selection. <see cref="ResponseKey"/> is the alias when present, else the name.</summary>
public sealed record FieldNode(
    Location Location,
    NameNode? Alias,
    NameNode Name,
    IReadOnlyList<ArgumentNode> Arguments,
    IReadOnlyList<DirectiveNode> Directives,
    SelectionSetNode? SelectionSet) : SelectionNode(Location, Directives)
{
    public string ResponseKey => Alias?.Value ?? Name.Value;
}

public sealed record FragmentSpreadNode(Location Location, NameNode Name, IReadOnlyList<DirectiveNode> Directives)
    : SelectionNode(Location, Directives);

public sealed record InlineFragmentNode(
    Location Location,
    NamedTypeNode? TypeCondition,
    IReadOnlyList<DirectiveNode> Directives,
    SelectionSetNode SelectionSet) : SelectionNode(Location, Directives);
