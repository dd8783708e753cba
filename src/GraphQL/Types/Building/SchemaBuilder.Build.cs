using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Language;

namespace Cabinets.GraphQL.Types;

public sealed partial class SchemaBuilder
{
    /// <summary>Resolves type names, applies defaults and checks the schema; throws <see cref="SchemaException"/>.</summary>
    public Schema Build() => Build(includeIntrospection: true);

    internal Schema Build(bool includeIntrospection)
    {
        var named = new Dictionary<string, NamedType>(StringComparer.Ordinal);
        foreach (var name in _order)
        {
            named[name] = CreateShell(_types[name]);
        }

        var referencedScalars = new List<ScalarType>();
        GraphQLType Resolve(TypeRef reference, string where) => reference switch
        {
            NonNullTypeRef n => new NonNullType(Resolve(n.OfType, where)),
            ListTypeRef l => new ListType(Resolve(l.OfType, where)),
            NamedTypeRef r => ResolveNamed(r, where),
            _ => throw new SchemaException($"Unknown type reference {reference} in {where}."),
        };

        NamedType ResolveNamed(NamedTypeRef reference, string where)
        {
            if (named.TryGetValue(reference.Name, out var type))
            {
                return type;
            }

            var scalar = reference.Instance as ScalarType
                ?? BuiltInScalars.All.Concat(CustomScalars.All).FirstOrDefault(s => s.Name == reference.Name)
                ?? throw new SchemaException($"{where} refers to unknown type \"{reference.Name}\".");
            referencedScalars.Add(scalar);
            named[scalar.Name] = scalar;
            return scalar;
        }

        InputValueDefinition BuildInputValue(InputValueConfig config, string where)
        {
            var type = Resolve(config.Type, where);
            object? defaultValue = null;
            if (config.HasDefaultValue)
            {
                defaultValue = config.DefaultLiteral is { } literal
                    ? DefaultFromLiteral(literal, type, where)
                    : ValueCoercion.CoerceDefault(config.DefaultValue, type, where);
            }

            return new InputValueDefinition(config.Name, type)
            {
                Description = config.Description,
                DeprecationReason = config.DeprecationReason,
                HasDefaultValue = config.HasDefaultValue,
                DefaultValue = defaultValue,
            };
        }

        // Input types first: default values of arguments may be input objects.
        foreach (var name in _order)
        {
            if (_types[name] is InputObjectTypeBuilder input)
            {
                var type = (InputObjectType)named[name];
                foreach (var field in input.Fields)
                {
                    type.AddField(BuildInputValue(field, $"{name}.{field.Name}"));
                }
            }
        }

        foreach (var name in _order)
        {
            switch (_types[name])
            {
                case ComplexTypeConfig config:
                    FillComplexType(config, (ComplexType)named[name], named, Resolve, BuildInputValue);
                    break;
                case UnionTypeBuilder union:
                    FillUnion(union, (UnionType)named[name], named);
                    break;
            }
        }

        var directives = BuiltInDirectives.All.Concat(_directives.Select(d => new DirectiveDefinition(
            d.Name,
            d.LocationList,
            [.. d.Arguments.Select(a => BuildInputValue(a, $"@{d.Name}({a.Name})"))],
            d.IsRepeatable,
            d.DescriptionText))).ToList();

        var query = named.GetValueOrDefault(_queryName) as ObjectType
            ?? throw new SchemaException($"The query root type \"{_queryName}\" is not declared as an object type.");
        var types = WithReferencedBuiltInScalars(_order.Select(n => named[n]), directives)
            .Concat(referencedScalars.Where(s => !BuiltInScalars.IsBuiltIn(s.Name) && !_types.ContainsKey(s.Name)).Distinct())
            .Concat(includeIntrospection ? Introspection.IntrospectionTypes.All : [])
            .ToList();
        var schema = new Schema(
            query,
            RootType(_mutationName, named),
            RootType(_subscriptionName, named),
            types,
            directives,
            _description);
        SchemaValidator.Validate(schema);
        return schema;
    }

    /// <summary>
    /// Spec 3.5: a built-in scalar is listed only if something references it (introspection and the
    /// built-in directives always reference Boolean and String). Each comes right after the first
    /// type that uses it, then those of the directives, as graphql-js's buildSchema orders them.
    /// </summary>
    private static List<NamedType> WithReferencedBuiltInScalars(IEnumerable<NamedType> declared, List<DirectiveDefinition> directives)
    {
        var types = new List<NamedType>();
        var listed = new HashSet<NamedType>();
        void Add(NamedType type)
        {
            if (listed.Add(type)) types.Add(type);
        }

        void AddBuiltIn(GraphQLType type)
        {
            if (type.Named is ScalarType s && BuiltInScalars.IsBuiltIn(s.Name)) Add(s);
        }

        foreach (var type in declared)
        {
            Add(type);
            var references = type switch
            {
                ComplexType c => c.Fields.SelectMany(f => f.Arguments.Select(a => a.Type).Prepend(f.Type)),
                InputObjectType i => i.Fields.Select(f => f.Type),
                _ => [],
            };
            foreach (var reference in references) AddBuiltIn(reference);
        }

        foreach (var argument in directives.SelectMany(d => d.Arguments)) AddBuiltIn(argument.Type);
        Add(BuiltInScalars.Boolean);
        Add(BuiltInScalars.String);
        return types;
    }

    private static object? DefaultFromLiteral(string literal, GraphQLType type, string where)
    {
        try
        {
            return ValueCoercion.CoerceLiteral(Parser.ParseValue(literal, ParserOptions.Unlimited), type, null, "");
        }
        catch (InputCoercionException e)
        {
            throw new SchemaException(e.Describe($"The default value of {where}", ""));
        }
        catch (SyntaxError e)
        {
            throw new SchemaException($"The default value of {where} does not parse: {e.Message}");
        }
    }

    private static ObjectType? RootType(string? name, Dictionary<string, NamedType> named) =>
        name is null ? null : named[name] as ObjectType ?? throw new SchemaException($"Root type {name} must be an object type.");

    private static NamedType CreateShell(object config) => config switch
    {
        ComplexTypeConfig { IsInterface: true } i => new InterfaceType(i.Name, i.Description),
        ComplexTypeConfig o => new ObjectType(o.Name, o.Description),
        UnionTypeBuilder u => new UnionType(u.Name, u.DescriptionText),
        InputObjectTypeBuilder i => new InputObjectType(i.Name, i.DescriptionText) { IsOneOf = i.IsOneOf },
        EnumTypeBuilder e => new EnumType(e.Name, e.Values, e.DescriptionText),
        ScalarType s => s,
        _ => throw new SchemaException($"Unsupported type declaration {config}."),
    };

    private static void FillComplexType(
        ComplexTypeConfig config,
        ComplexType type,
        Dictionary<string, NamedType> named,
        Func<TypeRef, string, GraphQLType> resolve,
        Func<InputValueConfig, string, InputValueDefinition> buildInputValue)
    {
        foreach (var interfaceName in config.Interfaces)
        {
            type.AddInterface(named.GetValueOrDefault(interfaceName) as InterfaceType
                ?? throw new SchemaException($"{config.Name} implements \"{interfaceName}\", which is not an interface type."));
        }

        foreach (var field in config.Fields)
        {
            var where = $"{config.Name}.{field.Name}";
            type.AddField(new FieldDefinition(
                field.Name,
                resolve(field.Type, where),
                [.. field.Arguments.Select(a => buildInputValue(a, $"{where}({a.Name}:)"))])
            {
                Description = field.Description,
                DeprecationReason = field.DeprecationReason,
                Resolver = field.Resolver,
                SourceResolver = field.SourceResolver,
                RequiredPermissions = [.. field.Permissions],
                Cost = field.Cost,
                CostMultipliers = [.. field.CostMultipliers],
                CostAssumedSize = field.CostAssumedSize,
                Metadata = new Dictionary<string, object?>(field.Metadata),
            });
        }

        if (type is ObjectType objectType)
        {
            var sourceType = config.SourceType;
            objectType.IsTypeOf = config.IsTypeOf
                ?? (sourceType == typeof(object) ? null : value => sourceType.IsInstanceOfType(value));
        }
        else if (type is InterfaceType interfaceType && config.ResolveType is { } resolveType)
        {
            interfaceType.ResolveType = (value, schema) => ResolveByName(resolveType(value), schema, config.Name);
        }
    }

    private static void FillUnion(UnionTypeBuilder union, UnionType type, Dictionary<string, NamedType> named)
    {
        foreach (var member in union.Members)
        {
            type.AddType(named.GetValueOrDefault(member) as ObjectType
                ?? throw new SchemaException($"Union {union.Name} can only include object types; \"{member}\" is not one."));
        }

        if (union.TypeResolver is { } resolveType)
        {
            type.ResolveType = (value, schema) => ResolveByName(resolveType(value), schema, union.Name);
        }
    }

    private static ObjectType? ResolveByName(string? name, Schema schema, string abstractType) =>
        name is null ? null : schema.GetType(name) as ObjectType
            ?? throw new SchemaException($"Abstract type {abstractType} resolved to \"{name}\", which is not an object type.");
}
