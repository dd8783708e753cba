using Cabinets.GraphQL.Language;
using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Tests.Language;

public sealed class ParserTests
{
    private const string KitchenSink = """"
        query queryName($foo: ComplexType, $site: Site = MOBILE, $list: [Int!]! = [1, 2]) @onQuery {
          whoever123is: node(id: [123, 456]) {
            id
            ... on User @onInlineFragment {
              field2 {
                alias: field1(first: 10, after: $foo) @include(if: $foo) { id, ...frag @onFragmentSpread }
              }
            }
            ... @skip(unless: $foo) { id }
            ... { id }
          }
        }

        mutation likeStory @onMutation { like(story: 123) @onField { story { id } } }

        subscription StoryLikeSubscription($input: StoryLikeSubscribeInput @onVariableDefinition) {
          storyLikeSubscribe(input: $input) { story { likers { count } } }
        }

        fragment frag on Friend @onFragmentDefinition {
          foo(size: $size, bar: $b, obj: {key: "value", block: """block string uses \""" """})
        }

        { unnamed(truthy: true, falsy: false, nullish: null), query }
        """";

    [Fact]
    public void the_kitchen_sink_parses_into_definitions_with_locations()
    {
        var document = Parser.Parse(KitchenSink);

        document.Definitions.Count.ShouldBe(5);
        var query = document.Definitions[0].ShouldBeOfType<OperationDefinitionNode>();
        query.Name!.Value.ShouldBe("queryName");
        query.VariableDefinitions.Count.ShouldBe(3);
        query.VariableDefinitions[1].DefaultValue.ShouldBeOfType<EnumValueNode>().Value.ShouldBe("MOBILE");
        query.VariableDefinitions[2].Type.ToString().ShouldBe("[Int!]!");
        var node = query.SelectionSet.Selections[0].ShouldBeOfType<FieldNode>();
        node.Alias!.Value.ShouldBe("whoever123is");
        node.ResponseKey.ShouldBe("whoever123is");
        (node.Location.Line, node.Location.Column).ShouldBe((2, 3));
        node.SelectionSet!.Selections[1].ShouldBeOfType<InlineFragmentNode>().TypeCondition!.Name.Value.ShouldBe("User");
        node.SelectionSet.Selections[2].ShouldBeOfType<InlineFragmentNode>().TypeCondition.ShouldBeNull();
        document.Definitions[1].ShouldBeOfType<OperationDefinitionNode>().Operation.ShouldBe(OperationType.Mutation);
        document.Definitions[2].ShouldBeOfType<OperationDefinitionNode>().VariableDefinitions[0].Directives.Count.ShouldBe(1);
        var fragment = document.Definitions[3].ShouldBeOfType<FragmentDefinitionNode>();
        var obj = fragment.SelectionSet.Selections[0].ShouldBeOfType<FieldNode>().Arguments[2].Value.ShouldBeOfType<ObjectValueNode>();
        obj.Fields[1].Value.ShouldBeOfType<StringValueNode>().Value.ShouldBe("block string uses \"\"\" ");
        document.Definitions[4].ShouldBeOfType<OperationDefinitionNode>().Name.ShouldBeNull();
    }

    [Fact]
    public void the_type_system_language_parses_with_descriptions_and_extensions()
    {
        var document = Parser.Parse(""""
            "The schema"
            schema @dir { query: Query mutation: Mutation }
            extend schema @other
            "A scalar" scalar DateTime @specifiedBy(url: "https://x")
            extend scalar DateTime @more
            """
            Block description
            """
            type Cabinet implements & Node & Device @key(fields: "id") {
              "the id" id: ID!
              doors("which" state: DoorState = OPEN @deprecated, first: Int = 10): [Door!]! @deprecated(reason: "no")
            }
            extend type Cabinet implements Other
            interface Device implements Node { id: ID! }
            extend interface Device @x
            union Result = | Cabinet | Door
            extend union Result = Site
            enum DoorState { "open" OPEN CLOSED @deprecated }
            extend enum DoorState { BROKEN }
            input Filter @oneOf { a: Int = 1, b: [String!] = ["x"] }
            extend input Filter { c: Boolean }
            "Audit" directive @audit(category: String!) repeatable on FIELD_DEFINITION | OBJECT
            directive @simple on | FIELD
            """");

        document.Definitions.Count.ShouldBe(16);
        var schema = document.Definitions[0].ShouldBeOfType<SchemaDefinitionNode>();
        schema.Description!.Value.ShouldBe("The schema");
        schema.OperationTypes[1].Operation.ShouldBe(OperationType.Mutation);
        var cabinet = document.Definitions[4].ShouldBeOfType<ObjectTypeDefinitionNode>();
        cabinet.Description!.Value.ShouldBe("Block description");
        cabinet.Description.Block.ShouldBeTrue();
        cabinet.Interfaces.Select(i => i.Name.Value).ShouldBe(["Node", "Device"]);
        cabinet.Fields[1].Arguments[0].Description!.Value.ShouldBe("which");
        cabinet.Fields[1].Arguments[1].DefaultValue.ShouldBeOfType<IntValueNode>().Value.ShouldBe("10");
        document.Definitions[5].ShouldBeOfType<ObjectTypeExtensionNode>().Interfaces.Count.ShouldBe(1);
        document.Definitions[8].ShouldBeOfType<UnionTypeDefinitionNode>().Types.Count.ShouldBe(2);
        document.Definitions[10].ShouldBeOfType<EnumTypeDefinitionNode>().Values[1].Directives.Count.ShouldBe(1);
        var directive = document.Definitions[14].ShouldBeOfType<DirectiveDefinitionNode>();
        directive.Repeatable.ShouldBeTrue();
        directive.Locations.Select(l => l.Value).ShouldBe(["FIELD_DEFINITION", "OBJECT"]);
    }

    [Theory]
    [InlineData("{", "Expected Name, found <EOF>.", 1, 2)]
    [InlineData("{ field(arg: ) }", "Unexpected \")\".", 1, 14)]
    [InlineData("{ }", "Expected Name, found \"}\".", 1, 3)]
    [InlineData("query Foo($a: Int = $b) { f }", "Unexpected variable \"$b\" in constant value.", 1, 21)]
    [InlineData("fragment on on T { f }", "Unexpected Name \"on\".", 1, 10)]
    [InlineData("notanoperation Foo { field }", "Unexpected Name \"notanoperation\".", 1, 1)]
    [InlineData("{ f }\n\n  ...", "Unexpected \"...\".", 3, 3)]
    [InlineData("\"desc\" foo { f }", "Unexpected description, only GraphQL definitions support descriptions.", 1, 1)]
    [InlineData("\"desc\" { f }", "Unexpected description, descriptions are not supported on shorthand queries.", 1, 1)]
    [InlineData("'x'", "Unexpected single quote character ('), did you mean to use a double quote (\")?", 1, 1)]
    [InlineData("directive @d on NOWHERE", "Unexpected Name \"NOWHERE\".", 1, 17)]
    [InlineData("enum E { true }", "Name \"true\" is reserved and cannot be used for an enum value.", 1, 10)]
    [InlineData("extend type T", "Unexpected <EOF>.", 1, 14)]
    [InlineData("{ f(a: 1 a: 2 }", "Expected Name, found \"}\".", 1, 15)]
    public void syntax_errors_report_message_line_and_column(string source, string message, int line, int column)
    {
        var error = Should.Throw<SyntaxError>(() => Parser.Parse(source));

        error.Message.ShouldBe("Syntax Error: " + message);
        error.Locations.ShouldHaveSingleItem().ShouldBe(new Location(line, column, error.Location.Offset));
    }

    [Fact]
    public void operations_fragments_and_variables_may_have_descriptions()
    {
        var document = Parser.Parse(""""
            "Lists cabinets." query Cabinets("How many." $first: Int) { cabinets { ...F } }
            """Cabinet basics.""" fragment F on Cabinet { id }
            """");

        var operation = document.Definitions[0].ShouldBeOfType<OperationDefinitionNode>();
        operation.Description!.Value.ShouldBe("Lists cabinets.");
        operation.VariableDefinitions[0].Description!.Value.ShouldBe("How many.");
        document.Definitions[1].ShouldBeOfType<FragmentDefinitionNode>().Description!.Value.ShouldBe("Cabinet basics.");
    }

    [Fact]
    public void values_and_types_parse_on_their_own()
    {
        Parser.ParseValue("{a: [1, 2.5, \"s\", true, null, ENUM, $v]}").ShouldBeOfType<ObjectValueNode>();
        Parser.ParseType("[[Int!]]!").ToString().ShouldBe("[[Int!]]!");
        Printer.Print(Parser.ParseValue("{a:[1 2.5 \"s\\n\" true null ENUM $v]}")).ShouldBe("{a: [1, 2.5, \"s\\n\", true, null, ENUM, $v]}");
    }
}
