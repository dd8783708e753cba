namespace Cabinets.GraphQL.Language.Ast;

public sealed record SchemaDefinitionNode(
    Location Location,
    StringValueNode? Description,
    IReadOnlyList<DirectiveNode> Directives,
    IReadOnlyList<OperationTypeDefinitionNode> OperationTypes) : TypeSystemDefinitionNode(Location);

public sealed record OperationTypeDefinitionNode(Location Location, OperationType Operation, NamedTypeNode Type)
    : SyntaxNode(Location);

/// <summary>Base of the six named type definitions.</summary>
public abstract record TypeDefinitionNode(
    Location Location,
    StringValueNode? Description,
    NameNode Name,
    IReadOnlyList<DirectiveNode> Directives) : TypeSystemDefinitionNode(Location);

public sealed record ScalarTypeDefinitionNode(
    Location Location, StringValueNode? Description, NameNode Name, IReadOnlyList<DirectiveNode> Directives)
    : TypeDefinitionNode(Location, Description, Name, Directives);

public sealed record ObjectTypeDefinitionNode(
    Location Location,
    StringValueNode? Description,
    NameNode Name,
    IReadOnlyList<NamedTypeNode> Interfaces,
    IReadOnlyList<DirectiveNode> Directives,
    IReadOnlyList<FieldDefinitionNode> Fields) : TypeDefinitionNode(Location, Description, Name, Directives);

public sealed record InterfaceTypeDefinitionNode(
    Location Location,
    StringValueNode? Description,
    NameNode Name,
    IReadOnlyList<NamedTypeNode> Interfaces,
    IReadOnlyList<DirectiveNode> Directives,
    IReadOnlyList<FieldDefinitionNode> Fields) : TypeDefinitionNode(Location, Description, Name, Directives);

public sealed record UnionTypeDefinitionNode(
    Location Location,
    StringValueNode? Description,
    NameNode Name,
    IReadOnlyList<DirectiveNode> Directives,
    IReadOnlyList<NamedTypeNode> Types) : TypeDefinitionNode(Location, Description, Name, Directives);

public sealed record EnumTypeDefinitionNode(
    Location Location,
    StringValueNode? Description,
    NameNode Name,
    IReadOnlyList<DirectiveNode> Directives,
    IReadOnlyList<EnumValueDefinitionNode> Values) : TypeDefinitionNode(Location, Description, Name, Directives);

public sealed record InputObjectTypeDefinitionNode(
    Location Location,
    StringValueNode? Description,
    NameNode Name,
    IReadOnlyList<DirectiveNode> Directives,
    IReadOnlyList<InputValueDefinitionNode> Fields) : TypeDefinitionNode(Location, Description, Name, Directives);

public sealed record FieldDefinitionNode(
    Location Location,
    StringValueNode? Description,
    NameNode Name,
    IReadOnlyList<InputValueDefinitionNode> Arguments,
    TypeNode Type,
    IReadOnlyList<DirectiveNode> Directives) : SyntaxNode(Location);

/// <summary>An argument definition or an input object field definition.</summary>
public sealed record InputValueDefinitionNode(
    Location Location,
    StringValueNode? Description,
    NameNode Name,
    TypeNode Type,
    ValueNode? DefaultValue,
    IReadOnlyList<DirectiveNode> Directives) : SyntaxNode(Location);

public sealed record EnumValueDefinitionNode(
    Location Location, StringValueNode? Description, NameNode Name, IReadOnlyList<DirectiveNode> Directives)
    : SyntaxNode(Location);

public sealed record DirectiveDefinitionNode(
    Location Location,
    StringValueNode? Description,
    NameNode Name,
    IReadOnlyList<InputValueDefinitionNode> Arguments,
    bool Repeatable,
    IReadOnlyList<NameNode> Locations) : TypeSystemDefinitionNode(Location);
