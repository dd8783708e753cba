namespace Cabinets.GraphQL.Types;

/// <summary>
/// An immutable, validated schema (spec 3.3): root operation types, every named type in a stable
/// order (the order introspection lists them and SDL prints them) and the directives.
/// Build one with <see cref="SchemaBuilder"/>.
/// </summary>
public sealed class Schema
{
    private readonly Dictionary<string, NamedType> _types;
    private readonly Dictionary<string, DirectiveDefinition> _directives;
    private readonly Dictionary<NamedType, IReadOnlyList<ObjectType>> _possibleTypes = [];
    private readonly Dictionary<InterfaceType, IReadOnlyList<ComplexType>> _implementations = [];

    internal Schema(
        ObjectType query,
        ObjectType? mutation,
        ObjectType? subscription,
        IReadOnlyList<NamedType> types,
        IReadOnlyList<DirectiveDefinition> directives,
        string? description)
    {
        QueryType = query;
        MutationType = mutation;
        SubscriptionType = subscription;
        Types = types;
        Directives = directives;
        Description = description;
        _types = types.ToDictionary(t => t.Name, StringComparer.Ordinal);
        _directives = directives.ToDictionary(d => d.Name, StringComparer.Ordinal);
        foreach (var type in types)
        {
            switch (type)
            {
                case UnionType union:
                    _possibleTypes[union] = union.Types;
                    break;
                case InterfaceType @interface:
                    var implementations = types.OfType<ComplexType>().Where(t => t.Implements(@interface)).ToList();
                    _implementations[@interface] = implementations;
                    _possibleTypes[@interface] = implementations.OfType<ObjectType>().ToList();
                    break;
            }
        }
    }

    public string? Description { get; }

    public ObjectType QueryType { get; }

    public ObjectType? MutationType { get; }

    public ObjectType? SubscriptionType { get; }

    /// <summary>All named types, including built-in scalars and the introspection types.</summary>
    public IReadOnlyList<NamedType> Types { get; }

    public IReadOnlyList<DirectiveDefinition> Directives { get; }

    public NamedType? GetType(string name) => _types.GetValueOrDefault(name);

    public T? GetType<T>(string name)
        where T : NamedType => _types.GetValueOrDefault(name) as T;

    public DirectiveDefinition? GetDirective(string name) => _directives.GetValueOrDefault(name);

    public ObjectType? GetRootType(Language.Ast.OperationType operation) => operation switch
    {
        Language.Ast.OperationType.Query => QueryType,
        Language.Ast.OperationType.Mutation => MutationType,
        _ => SubscriptionType,
    };

    /// <summary>The object types a value of an abstract type can have; for an object type, itself.</summary>
    public IReadOnlyList<ObjectType> GetPossibleTypes(NamedType type) => type switch
    {
        ObjectType o => [o],
        _ => _possibleTypes.GetValueOrDefault(type) ?? [],
    };

    /// <summary>Object and interface types that declare they implement <paramref name="type"/>.</summary>
    public IReadOnlyList<ComplexType> GetImplementations(InterfaceType type) =>
        _implementations.GetValueOrDefault(type) ?? [];

    public bool IsPossibleType(NamedType abstractType, ObjectType objectType) =>
        abstractType == objectType || GetPossibleTypes(abstractType).Contains(objectType);

    /// <summary>Whether <paramref name="maybeSubType"/> is, implements or is a member of <paramref name="superType"/>.</summary>
    public bool IsSubType(NamedType superType, NamedType maybeSubType) =>
        superType == maybeSubType
        || (maybeSubType is ObjectType o && IsPossibleType(superType, o))
        || (superType is InterfaceType i && maybeSubType is InterfaceType sub && sub.Implements(i));

    /// <summary>The schema in SDL, formatted as graphql-js <c>printSchema</c>.</summary>
    public string ToSdl() => Utilities.SchemaPrinter.Print(this);
}
