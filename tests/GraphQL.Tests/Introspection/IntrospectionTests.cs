using System.Text.Json;
using Cabinets.GraphQL.Execution;

namespace Cabinets.GraphQL.Tests.Introspection;

public sealed class IntrospectionTests
{
    private static async Task<string> Run(string query) =>
        (await new Executor(KitchenSinkSchema.Build()).ExecuteAsync(new ExecutionRequest { Query = query })).ToJson();

    [Fact]
    public async Task a_type_lists_fields_interfaces_and_hides_deprecated_fields_unless_asked() =>
        (await Run("""{ __type(name: "Query") { kind name fields { name } all: fields(includeDeprecated: true) { name isDeprecated deprecationReason } interfaces { name } } }"""))
            .ShouldBe("""{"data":{"__type":{"kind":"OBJECT","name":"Query","fields":[{"name":"cabinet"},{"name":"cabinets"},{"name":"lookup"}],"all":[{"name":"cabinet","isDeprecated":false,"deprecationReason":null},{"name":"cabinets","isDeprecated":false,"deprecationReason":null},{"name":"lookup","isDeprecated":false,"deprecationReason":null},{"name":"legacy","isDeprecated":true,"deprecationReason":"No longer supported"},{"name":"old","isDeprecated":true,"deprecationReason":"Use `cabinet`."}],"interfaces":[]}}}""");

    [Fact]
    public async Task deprecated_arguments_and_input_fields_appear_only_with_include_deprecated() =>
        (await Run("""
            {
              q: __type(name: "Query") { fields { name args { name } all: args(includeDeprecated: true) { name defaultValue isDeprecated } } }
              f: __type(name: "CabinetFilter") { inputFields { name } all: inputFields(includeDeprecated: true) { name defaultValue } }
            }
            """))
            .ShouldBe("""{"data":{"q":{"fields":[{"name":"cabinet","args":[{"name":"serialNumber"}],"all":[{"name":"serialNumber","defaultValue":null,"isDeprecated":false},{"name":"region","defaultValue":"NORTH","isDeprecated":true}]},{"name":"cabinets","args":[{"name":"first"},{"name":"filter"},{"name":"ratio"},{"name":"since"}],"all":[{"name":"first","defaultValue":"10","isDeprecated":false},{"name":"filter","defaultValue":"{city: \"Shanghai\", states: [OPEN, CLOSED], minRevenue: 0}","isDeprecated":false},{"name":"ratio","defaultValue":"0.5","isDeprecated":false},{"name":"since","defaultValue":null,"isDeprecated":false}]},{"name":"lookup","args":[{"name":"by"}],"all":[{"name":"by","defaultValue":null,"isDeprecated":false}]}]},"f":{"inputFields":[{"name":"city"},{"name":"states"}],"all":[{"name":"city","defaultValue":null},{"name":"states","defaultValue":null},{"name":"minRevenue","defaultValue":"0"}]}}}""");

    [Fact]
    public async Task scalars_one_of_inputs_wrappers_and_possible_types_are_described() =>
        (await Run("""
            {
              dt: __type(name: "DateTime") { kind specifiedByURL isOneOf }
              lookup: __type(name: "NodeLookup") { kind isOneOf }
              node: __type(name: "Node") { kind possibleTypes { name } }
              device: __type(name: "Device") { interfaces { name } }
              union: __type(name: "Installation") { possibleTypes { name } }
              region: __type(name: "Region") { enumValues { name } all: enumValues(includeDeprecated: true) { name isDeprecated } }
              cabinets: __type(name: "Query") { fields { name type { kind name ofType { kind name ofType { kind name ofType { name } } } } } }
              missing: __type(name: "Nope") { name }
            }
            """))
            .ShouldBe("""{"data":{"dt":{"kind":"SCALAR","specifiedByURL":"https://scalars.graphql.org/andimarek/date-time.html","isOneOf":null},"lookup":{"kind":"INPUT_OBJECT","isOneOf":true},"node":{"kind":"INTERFACE","possibleTypes":[{"name":"Cabinet"}]},"device":{"interfaces":[{"name":"Node"}]},"union":{"possibleTypes":[{"name":"Cabinet"},{"name":"Site"}]},"region":{"enumValues":[{"name":"NORTH"},{"name":"SOUTH"}],"all":[{"name":"NORTH","isDeprecated":false},{"name":"SOUTH","isDeprecated":false},{"name":"WEST","isDeprecated":true}]},"cabinets":{"fields":[{"name":"cabinet","type":{"kind":"OBJECT","name":"Cabinet","ofType":null}},{"name":"cabinets","type":{"kind":"NON_NULL","name":null,"ofType":{"kind":"LIST","name":null,"ofType":{"kind":"NON_NULL","name":null,"ofType":{"name":"Cabinet"}}}}},{"name":"lookup","type":{"kind":"OBJECT","name":"Node","ofType":null}}]},"missing":null}}""".Replace("\"kind\":\"OBJECT\",\"name\":\"Node\"", "\"kind\":\"INTERFACE\",\"name\":\"Node\"", StringComparison.Ordinal));

    [Fact]
    public async Task directives_show_locations_arguments_and_repeatability() =>
        (await Run("""{ __schema { directives { name isRepeatable locations args { name type { name ofType { name } } defaultValue } } } }"""))
            .ShouldBe("""{"data":{"__schema":{"directives":[{"name":"include","isRepeatable":false,"locations":["FIELD","FRAGMENT_SPREAD","INLINE_FRAGMENT"],"args":[{"name":"if","type":{"name":null,"ofType":{"name":"Boolean"}},"defaultValue":null}]},{"name":"skip","isRepeatable":false,"locations":["FIELD","FRAGMENT_SPREAD","INLINE_FRAGMENT"],"args":[{"name":"if","type":{"name":null,"ofType":{"name":"Boolean"}},"defaultValue":null}]},{"name":"deprecated","isRepeatable":false,"locations":["FIELD_DEFINITION","ARGUMENT_DEFINITION","INPUT_FIELD_DEFINITION","ENUM_VALUE"],"args":[{"name":"reason","type":{"name":"String","ofType":null},"defaultValue":"\"No longer supported\""}]},{"name":"specifiedBy","isRepeatable":false,"locations":["SCALAR"],"args":[{"name":"url","type":{"name":null,"ofType":{"name":"String"}},"defaultValue":null}]},{"name":"oneOf","isRepeatable":false,"locations":["INPUT_OBJECT"],"args":[]},{"name":"audit","isRepeatable":true,"locations":["FIELD_DEFINITION","OBJECT"],"args":[{"name":"category","type":{"name":null,"ofType":{"name":"String"}},"defaultValue":null},{"name":"level","type":{"name":"Int","ofType":null},"defaultValue":"1"}]},{"name":"internal","isRepeatable":false,"locations":["FIELD"],"args":[]}]}}}""");

    [Fact]
    public async Task the_schema_lists_root_types_and_every_type_including_introspection_ones()
    {
        using var json = JsonDocument.Parse(await Run("{ __schema { queryType { name } mutationType { name } subscriptionType { name } types { name } } }"));
        var schema = json.RootElement.GetProperty("data").GetProperty("__schema");

        schema.GetProperty("queryType").GetProperty("name").GetString().ShouldBe("Query");
        schema.GetProperty("mutationType").GetProperty("name").GetString().ShouldBe("Mutation");
        schema.GetProperty("subscriptionType").ValueKind.ShouldBe(JsonValueKind.Null);
        // Built-in scalars follow the first type that uses them, as graphql-js buildSchema lists them.
        schema.GetProperty("types").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ShouldBe([
            "Query", "ID", "Int", "Float", "String", "Mutation", "Node", "Device", "Cabinet", "Site", "Installation", "Region",
            "DoorState", "CabinetFilter", "NodeLookup", "Boolean", "Long", "DateTime", "Decimal", "__Schema", "__Type",
            "__TypeKind", "__Field", "__InputValue", "__EnumValue", "__Directive", "__DirectiveLocation",
        ]);
    }

    [Fact]
    public async Task built_in_scalars_nothing_references_are_not_listed()
    {
        // Spec 3.5: "If a built-in scalar type is not referenced anywhere in a schema ... it must not be included."
        var schema = new Cabinets.GraphQL.Types.SchemaBuilder().Query(q => q.Field("count", "Int!", f => f.Resolve(_ => 1))).Build();
        var result = await new Executor(schema).ExecuteAsync(new ExecutionRequest { Query = "{ __schema { types { name } } }" });

        result.ToJson().ShouldBe("""{"data":{"__schema":{"types":[{"name":"Query"},{"name":"Int"},{"name":"Boolean"},{"name":"String"},{"name":"__Schema"},{"name":"__Type"},{"name":"__TypeKind"},{"name":"__Field"},{"name":"__InputValue"},{"name":"__EnumValue"},{"name":"__Directive"},{"name":"__DirectiveLocation"}]}}}""");
        schema.GetType("Float").ShouldBeNull();
    }

    [Fact]
    public async Task typename_works_on_every_composite_type() =>
        (await TestSchema.Run("{ __typename cabinets { __typename doors { t: __typename } } }")).ToJson()
            .ShouldBe("""{"data":{"__typename":"Query","cabinets":[{"__typename":"Cabinet","doors":[{"t":"Door"},{"t":"Door"}]},{"__typename":"Cabinet","doors":[{"t":"Door"}]}]}}""");

    [Fact]
    public async Task the_standard_introspection_query_answers_every_type() =>
        (await Run(IntrospectionQuery.Text)).ShouldContain("\"name\":\"__DirectiveLocation\"");
}
