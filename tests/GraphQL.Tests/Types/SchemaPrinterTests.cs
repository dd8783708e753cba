using Cabinets.GraphQL.Language;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Tests.Types;

public sealed class SchemaPrinterTests
{
    [Fact]
    public void the_kitchen_sink_prints_exactly_as_graphql_js_print_schema_does()
    {
        // KitchenSink.graphql is graphql-js 16 printSchema(buildClientSchema(our introspection)).
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Types", "KitchenSink.graphql"));

        KitchenSinkSchema.Build().ToSdl().ShouldBe(expected);
    }

    [Fact]
    public void a_minimal_schema_prints_only_its_own_types()
    {
        var schema = new SchemaBuilder().Query(q => q.Field("hello", "String")).Build();

        schema.ToSdl().ShouldBe("type Query {\n  hello: String\n}");
    }

    [Fact]
    public void uncommon_root_names_print_a_schema_definition()
    {
        var schema = new SchemaBuilder()
            .Query("Root", q => q.Field("a", "Int"))
            .Mutation("Change", m => m.Field("b", "Int"))
            .Build();

        schema.ToSdl().ShouldStartWith("schema {\n  query: Root\n  mutation: Change\n}\n\ntype Root {");
    }

    [Theory]
    [InlineData("simple", "\"\"\"simple\"\"\"")]
    [InlineData("with \"quote\"", "\"\"\"\nwith \"quote\"\n\"\"\"")]
    [InlineData("two\nlines", "\"\"\"\ntwo\nlines\n\"\"\"")]
    [InlineData("  leading space", "\"\"\"  leading space\"\"\"")]
    [InlineData("has \"\"\" inside", "\"\"\"has \\\"\"\" inside\"\"\"")]
    [InlineData("ends with backslash\\", "\"\"\"\nends with backslash\\\n\"\"\"")]
    public void descriptions_print_as_block_strings(string description, string printed) =>
        BlockString.Print(description).ShouldBe(printed);

    [Theory]
    [InlineData("\nleading newline")]
    [InlineData("trailing newline\n")]
    [InlineData("carriage\rreturn")]
    [InlineData("control \u0001 char")]
    public void descriptions_that_would_not_round_trip_print_as_plain_strings(string description) =>
        BlockString.IsPrintable(description).ShouldBeFalse();

    [Fact]
    public void plain_strings_escape_like_graphql_js() =>
        Printer.PrintString("a\"b\\c\n\u0001\u007f€").ShouldBe("\"a\\\"b\\\\c\\n\\u0001\\u007F€\"");

    [Theory]
    [InlineData("\n  Hello,\n    World!\n\n  Yours,\n    GraphQL.\n", "Hello,\n  World!\n\nYours,\n  GraphQL.")]
    [InlineData("   \n\t\n", "")]
    [InlineData("first line\n    second\n      third", "first line\nsecond\n  third")]
    public void block_string_values_drop_common_indent(string raw, string value) =>
        BlockString.Dedent(raw).ShouldBe(value);
}
