using Cabinets.GraphQL.Types;
using Cabinets.GraphQL.Utilities;

namespace Cabinets.GraphQL.Introspection;

/// <summary>
/// The introspection types of spec 4.2 (field order as graphql-js), built once with the same
/// builder the application uses and shared by every schema. Resolvers read the type system
/// objects directly: __Type's source is a <see cref="GraphQLType"/>, __Field's a <see cref="FieldDefinition"/>.
/// </summary>
public static class IntrospectionTypes
{
    private static readonly Schema Holder = Create();

    public static IReadOnlyList<NamedType> All { get; } =
        [.. Holder.Types.Where(t => t.Name.StartsWith("__", StringComparison.Ordinal))];

    internal static FieldDefinition SchemaField { get; } = Holder.QueryType.GetField("__schema")!;

    internal static FieldDefinition TypeField { get; } = Holder.QueryType.GetField("__type")!;

    private static Schema Create() => new SchemaBuilder()
        .Query("IntrospectionRoot", q => q
            .Field("__schema", "__Schema!", f => f
                .Description("Access the current type schema of this server.")
                .Resolve(ctx => ctx.Untyped.Schema))
            .Field("__type", "__Type", f => f
                .Description("Request the type information of a single type.")
                .Argument("name", "String!")
                .Resolve(ctx => ctx.Untyped.Schema.GetType(ctx.Argument<string>("name")))))
        .Object<Schema>("__Schema", t => t
            .Description("A GraphQL Schema defines the capabilities of a GraphQL server. It exposes all available types and directives on the server, as well as the entry points for query, mutation, and subscription operations.")
            .Field("description", "String", s => s.Description)
            .Field("types", "[__Type!]!", s => s.Types)
            .Field("queryType", "__Type!", s => s.QueryType)
            .Field("mutationType", "__Type", s => s.MutationType)
            .Field("subscriptionType", "__Type", s => s.SubscriptionType)
            .Field("directives", "[__Directive!]!", s => s.Directives))
        .Object<GraphQLType>("__Type", DefineType)
        .Enum<TypeKind>("__TypeKind")
        .Object<FieldDefinition>("__Field", t => t
            .Field("name", "String!", f => f.Name)
            .Field("description", "String", f => f.Description)
            .Field("args", "[__InputValue!]!", f => f
                .Argument("includeDeprecated", "Boolean", a => a.DefaultValue(false))
                .Resolve(ctx => Visible(ctx.Source.Arguments, ctx.Argument<bool>("includeDeprecated"))))
            .Field("type", "__Type!", f => f.Type)
            .Field("isDeprecated", "Boolean!", f => f.IsDeprecated)
            .Field("deprecationReason", "String", f => f.DeprecationReason))
        .Object<InputValueDefinition>("__InputValue", t => t
            .Field("name", "String!", v => v.Name)
            .Field("description", "String", v => v.Description)
            .Field("type", "__Type!", v => v.Type)
            .Field("defaultValue", "String", ValueToLiteral.PrintDefault)
            .Field("isDeprecated", "Boolean!", v => v.IsDeprecated)
            .Field("deprecationReason", "String", v => v.DeprecationReason))
        .Object<EnumValueDefinition>("__EnumValue", t => t
            .Field("name", "String!", v => v.Name)
            .Field("description", "String", v => v.Description)
            .Field("isDeprecated", "Boolean!", v => v.IsDeprecated)
            .Field("deprecationReason", "String", v => v.DeprecationReason))
        .Object<DirectiveDefinition>("__Directive", t => t
            .Field("name", "String!", d => d.Name)
            .Field("description", "String", d => d.Description)
            .Field("isRepeatable", "Boolean!", d => d.IsRepeatable)
            .Field("locations", "[__DirectiveLocation!]!", d => d.Locations)
            .Field("args", "[__InputValue!]!", f => f
                .Argument("includeDeprecated", "Boolean", a => a.DefaultValue(false))
                .Resolve(ctx => Visible(ctx.Source.Arguments, ctx.Argument<bool>("includeDeprecated")))))
        .Enum<DirectiveLocation>("__DirectiveLocation")
        .Build(includeIntrospection: false);

    private static void DefineType(ObjectTypeBuilder<GraphQLType> t) => t
        .Field("kind", "__TypeKind!", type => type.Kind)
        .Field("name", "String", type => (type as NamedType)?.Name)
        .Field("description", "String", type => (type as NamedType)?.Description)
        .Field("specifiedByURL", "String", type => (type as ScalarType)?.SpecifiedByUrl)
        .Field("fields", "[__Field!]", f => f
            .Argument("includeDeprecated", "Boolean", a => a.DefaultValue(false))
            .Resolve(ctx => ctx.Source is ComplexType complex ? Visible(complex.Fields, ctx.Argument<bool>("includeDeprecated"), f => f.IsDeprecated) : null))
        .Field("interfaces", "[__Type!]", type => (type as ComplexType)?.Interfaces)
        .Field("possibleTypes", "[__Type!]", f => f
            .Resolve(ctx => ctx.Source.IsAbstract ? ctx.Untyped.Schema.GetPossibleTypes((NamedType)ctx.Source) : null))
        .Field("enumValues", "[__EnumValue!]", f => f
            .Argument("includeDeprecated", "Boolean", a => a.DefaultValue(false))
            .Resolve(ctx => ctx.Source is EnumType e ? Visible(e.Values, ctx.Argument<bool>("includeDeprecated"), v => v.IsDeprecated) : null))
        .Field("inputFields", "[__InputValue!]", f => f
            .Argument("includeDeprecated", "Boolean", a => a.DefaultValue(false))
            .Resolve(ctx => ctx.Source is InputObjectType input ? Visible(input.Fields, ctx.Argument<bool>("includeDeprecated")) : null))
        .Field("ofType", "__Type", type => type switch
        {
            ListType l => l.OfType,
            NonNullType n => n.OfType,
            _ => null,
        })
        .Field("isOneOf", "Boolean", type => type is InputObjectType input ? input.IsOneOf : null);

    private static IReadOnlyList<InputValueDefinition> Visible(IReadOnlyList<InputValueDefinition> values, bool includeDeprecated) =>
        Visible(values, includeDeprecated, v => v.IsDeprecated);

    /// <summary>The list itself unless something in it must be hidden: most types deprecate nothing.</summary>
    private static IReadOnlyList<T> Visible<T>(IReadOnlyList<T> values, bool includeDeprecated, Func<T, bool> isDeprecated)
    {
        if (includeDeprecated)
        {
            return values;
        }

        foreach (var value in values)
        {
            if (isDeprecated(value))
            {
                return [.. values.Where(v => !isDeprecated(v))];
            }
        }

        return values;
    }
}
