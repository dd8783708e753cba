using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Introspection;

/// <summary>The meta fields <c>__typename</c> (every composite type), <c>__schema</c> and <c>__type</c> (query root).</summary>
public static class MetaFields
{
    public static FieldDefinition TypeName { get; } = new("__typename", new NonNullType(BuiltInScalars.String), [])
    {
        Description = "The name of the current Object type at runtime.",
    };

    public static FieldDefinition Schema => IntrospectionTypes.SchemaField;

    public static FieldDefinition Type => IntrospectionTypes.TypeField;

    /// <summary><c>__schema</c> or <c>__type</c> by name, or null.</summary>
    public static FieldDefinition? GetRootField(string name) => name switch
    {
        "__schema" => Schema,
        "__type" => Type,
        _ => null,
    };

    /// <summary>The definition of <paramref name="name"/> on <paramref name="parentType"/>, meta fields included.</summary>
    public static FieldDefinition? Get(Types.Schema schema, NamedType parentType, string name) => name switch
    {
        "__typename" when parentType is ComplexType or UnionType => TypeName,
        "__schema" or "__type" when parentType == schema.QueryType => GetRootField(name),
        _ => (parentType as ComplexType)?.GetField(name),
    };
}
