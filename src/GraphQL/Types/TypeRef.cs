using Cabinets.GraphQL.Language;
using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Types;

/// <summary>
/// A reference to a type while building a schema, resolved by name at <see cref="SchemaBuilder.Build"/>
/// so types may refer to each other in any order. Write it as SDL (<c>"[Door!]!"</c>, converted
/// implicitly) or with the helpers: <c>NonNull(ListOf(NonNull(Named("Door"))))</c>.
/// </summary>
public abstract record TypeRef
{
    public static TypeRef String { get; } = new NamedTypeRef("String");

    public static TypeRef Int { get; } = new NamedTypeRef("Int");

    public static TypeRef Float { get; } = new NamedTypeRef("Float");

    public static TypeRef Boolean { get; } = new NamedTypeRef("Boolean");

    public static TypeRef ID { get; } = new NamedTypeRef("ID");

    public static TypeRef DateTime { get; } = new NamedTypeRef("DateTime", CustomScalars.DateTime);

    public static TypeRef Long { get; } = new NamedTypeRef("Long", CustomScalars.Long);

    public static TypeRef Decimal { get; } = new NamedTypeRef("Decimal", CustomScalars.Decimal);

    public static TypeRef Named(string name) => new NamedTypeRef(name);

    public static TypeRef NonNull(TypeRef type) =>
        type is NonNullTypeRef ? type : new NonNullTypeRef(type);

    public static TypeRef ListOf(TypeRef type) => new ListTypeRef(type);

    public static implicit operator TypeRef(string sdl) => FromNode(Parser.ParseType(sdl));

    public static implicit operator TypeRef(NamedType type) => new NamedTypeRef(type.Name, type);

    public static TypeRef FromNode(TypeNode node) => node switch
    {
        NonNullTypeNode n => new NonNullTypeRef(FromNode(n.Type)),
        ListTypeNode l => new ListTypeRef(FromNode(l.Type)),
        _ => new NamedTypeRef(((NamedTypeNode)node).Name.Value),
    };

    /// <summary>The innermost named reference.</summary>
    public abstract NamedTypeRef Innermost();
}

/// <summary>A named type; <see cref="Instance"/> is set when the type object itself was given (custom scalars).</summary>
public sealed record NamedTypeRef(string Name, NamedType? Instance = null) : TypeRef
{
    public override NamedTypeRef Innermost() => this;

    public override string ToString() => Name;
}

public sealed record ListTypeRef(TypeRef OfType) : TypeRef
{
    public override NamedTypeRef Innermost() => OfType.Innermost();

    public override string ToString() => $"[{OfType}]";
}

public sealed record NonNullTypeRef(TypeRef OfType) : TypeRef
{
    public override NamedTypeRef Innermost() => OfType.Innermost();

    public override string ToString() => $"{OfType}!";
}
