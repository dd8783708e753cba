namespace Cabinets.GraphQL.Language.Ast;

/// <summary>A type reference as written in a document: <c>Name</c>, <c>[T]</c>, <c>T!</c>.</summary>
public abstract record TypeNode(Location Location) : SyntaxNode(Location)
{
    /// <summary>The innermost named type.</summary>
    public abstract NamedTypeNode NamedType { get; }
}

public sealed record NamedTypeNode(Location Location, NameNode Name) : TypeNode(Location)
{
    public override NamedTypeNode NamedType => this;

    public override string ToString() => Name.Value;
}

public sealed record ListTypeNode(Location Location, TypeNode Type) : TypeNode(Location)
{
    public override NamedTypeNode NamedType => Type.NamedType;

    public override string ToString() => $"[{Type}]";
}

public sealed record NonNullTypeNode(Location Location, TypeNode Type) : TypeNode(Location)
{
    public override NamedTypeNode NamedType => Type.NamedType;

    public override string ToString() => $"{Type}!";
}
