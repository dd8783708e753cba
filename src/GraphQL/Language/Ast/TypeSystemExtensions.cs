namespace Cabinets.GraphQL.Language.Ast;

public sealed record SchemaExtensionNode(
    Location Location,
    IReadOnlyList<DirectiveNode> Directives,
    IReadOnlyList<OperationTypeDefinitionNode> OperationTypes) : TypeSystemDefinitionNode(Location);

/// <summary>Base of the six <c>extend type</c> forms.</summary>
public abstract record TypeExtensionNode(Location Location, NameNode Name, IReadOnlyList<DirectiveNode> Directives)
    : TypeSystemDefinitionNode(Location);

public sealed record ScalarTypeExtensionNode(Location Location, NameNode Name, IReadOnlyList<DirectiveNode> Directives)
    : TypeExtensionNode(Location, Name, Directives);

public sealed record ObjectTypeExtensionNode(
    Location Location,
    NameNode Name,
    IReadOnlyList<NamedTypeNode> Interfaces,
    IReadOnlyList<DirectiveNode> Directives,
    IReadOnlyList<FieldDefinitionNode> Fields) : TypeExtensionNode(Location, Name, Directives);

public sealed record InterfaceTypeExtensionNode(
    Location Location,
    NameNode Name,
    IReadOnlyList<NamedTypeNode> Interfaces,
    IReadOnlyList<DirectiveNode> Directives,
    IReadOnlyList<FieldDefinitionNode> Fields) : TypeExtensionNode(Location, Name, Directives);

public sealed record UnionTypeExtensionNode(
    Location Location, NameNode Name, IReadOnlyList<DirectiveNode> Directives, IReadOnlyList<NamedTypeNode> Types)
    : TypeExtensionNode(Location, Name, Directives);

public sealed record EnumTypeExtensionNode(
    Location Location,
    NameNode Name,
    IReadOnlyList<DirectiveNode> Directives,
    IReadOnlyList<EnumValueDefinitionNode> Values) : TypeExtensionNode(Location, Name, Directives);

public sealed record InputObjectTypeExtensionNode(
    Location Location,
    NameNode Name,
    IReadOnlyList<DirectiveNode> Directives,
    IReadOnlyList<InputValueDefinitionNode> Fields) : TypeExtensionNode(Location, Name, Directives);
