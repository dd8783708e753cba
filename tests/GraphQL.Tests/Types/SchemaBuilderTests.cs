using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Tests.Types;

public sealed class SchemaBuilderTests
{
    [Fact]
    public void types_refer_to_each_other_by_name_in_any_order()
    {
        var schema = new SchemaBuilder()
            .Query(q => q.Field("door", "Door"))
            .Object("Door", t => t.Field("cabinet", "Cabinet!"))
            .Object("Cabinet", t => t.Field("doors", TypeRef.NonNull(TypeRef.ListOf(TypeRef.NonNull(TypeRef.Named("Door"))))))
            .Build();

        schema.GetType<ObjectType>("Cabinet")!.GetField("doors")!.Type.ToString().ShouldBe("[Door!]!");
        schema.GetType<ObjectType>("Door")!.GetField("cabinet")!.Type.Named.ShouldBeSameAs(schema.GetType("Cabinet"));
    }

    [Fact]
    public void declaring_an_object_type_again_adds_fields_so_modules_can_extend_query()
    {
        var schema = new SchemaBuilder()
            .Query(q => q.Field("cabinets", "[String]"))
            .Query(q => q.Field("orders", "[String]"))
            .Build();

        schema.QueryType.Fields.Select(f => f.Name).ShouldBe(["cabinets", "orders"]);
    }

    [Fact]
    public void clr_enums_become_screaming_case_values()
    {
        var schema = new SchemaBuilder().Query(q => q.Field("state", "DoorState")).Enum<DoorState>().Build();

        schema.GetType<EnumType>("DoorState")!.Values.Select(v => v.Name).ShouldBe(["CLOSED", "OPEN", "OUT_OF_ORDER"]);
    }

    [Fact]
    public void custom_scalars_are_in_the_schema_only_when_referenced()
    {
        var without = new SchemaBuilder().Query(q => q.Field("a", "Int")).Build();
        var with = new SchemaBuilder().Query(q => q.Field("a", TypeRef.Long)).Build();

        without.GetType("Long").ShouldBeNull();
        with.GetType<ScalarType>("Long")!.SpecifiedByUrl.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("missing interface field")]
    [InlineData("wrong interface field type")]
    [InlineData("one of with non-null field")]
    [InlineData("input type as output")]
    [InlineData("bad default")]
    [InlineData("union of scalars")]
    public void invalid_schemas_are_refused_at_build(string problem)
    {
        var builder = new SchemaBuilder().Query(q => q.Field("ok", "Int"));
        _ = problem switch
        {
            "unknown" => builder.Query(q => q.Field("x", "Nope")),
            "missing interface field" => builder.Interface("Node", i => i.Field("id", "ID!")).Object("A", t => t.Implements("Node").Field("name", "String")),
            "wrong interface field type" => builder.Interface("Node", i => i.Field("id", "ID!")).Object("A", t => t.Implements("Node").Field("id", "ID")),
            "one of with non-null field" => builder.InputObject("In", i => i.OneOf().Field("a", "Int!")),
            "input type as output" => builder.InputObject("In", i => i.Field("a", "Int")).Query(q => q.Field("x", "In")),
            "bad default" => builder.Query(q => q.Field("x", "Int", f => f.Argument("n", "Int", a => a.DefaultValue("ten")))),
            _ => builder.Union("U", u => u.Types("Int")),
        };

        Should.Throw<SchemaException>(() => builder.Build()).Message.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void interface_implementations_may_narrow_field_types()
    {
        var schema = new SchemaBuilder()
            .Query(q => q.Field("node", "Node"))
            .Interface("Node", i => i.Field("id", "ID").Field("friends", "[Node]"))
            .Object("A", t => t.Implements("Node").Field("id", "ID!").Field("friends", "[A!]!").Field("extra", "Int", f => f.Argument("x", "Int")))
            .Build();

        schema.GetPossibleTypes(schema.GetType("Node")!).Single().Name.ShouldBe("A");
    }
}
