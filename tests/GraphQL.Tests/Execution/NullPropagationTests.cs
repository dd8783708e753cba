using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Tests.Execution;

public sealed class NullPropagationTests
{
    [Fact]
    public async Task a_null_in_a_non_null_field_bubbles_to_the_nearest_nullable_parent()
    {
        var result = await TestSchema.Run("""{ cabinet(serialNumber: "C-001") { serialNumber doors { label } } }""");

        result.ToJson().ShouldBe("""{"data":{"cabinet":null},"errors":[{"message":"Cannot return null for non-nullable field Door.label.","locations":[{"line":1,"column":57}],"path":["cabinet","doors",1,"label"]}]}""");
    }

    [Fact]
    public async Task a_null_reaching_the_root_makes_data_null()
    {
        var result = await TestSchema.Run("{ cabinets { doors { label } } }");

        result.Executed.ShouldBeTrue();
        result.DataIsNull.ShouldBeTrue();
        result.ToJson().ShouldStartWith("""{"data":null,"errors":[{"message":"Cannot return null for non-nullable field Door.label.","locations":[{"line":1,"column":22}],"path":["cabinets",0,"doors",1,"label"]}""");
    }

    [Fact]
    public async Task nullable_fields_with_errors_become_null_and_siblings_survive()
    {
        var schema = new SchemaBuilder()
            .Query(q => q
                .Field("broken", "String", f => f.Resolve(_ => throw new InvalidOperationException("secret connection string")))
                .Field("fine", "String", _ => "ok")
                .Field("items", "[Int]", _ => new object?[] { 1, "x", 3 }))
            .Build();

        var result = await TestSchema.Run("{ broken fine items }", schema: schema);

        result.ToJson().ShouldBe("""{"data":{"broken":null,"fine":"ok","items":[1,null,3]},"errors":[{"message":"Unexpected Execution Error","locations":[{"line":1,"column":3}],"path":["broken"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}},{"message":"Int cannot represent non-integer value: \"x\"","locations":[{"line":1,"column":15}],"path":["items",1]}]}""");
    }

    [Fact]
    public async Task exception_details_are_shown_only_when_asked_for()
    {
        var schema = new SchemaBuilder()
            .Query(q => q.Field("broken", "String", f => f.Resolve(_ => throw new InvalidOperationException("details here"))))
            .Build();

        var result = await TestSchema.Run("{ broken }", schema: schema, options: new ExecutorOptions { IncludeExceptionDetails = true });

        var error = result.Errors.ShouldHaveSingleItem();
        error.Message.ShouldBe("details here");
        error.Extensions!["exception"].ShouldBeOfType<string>().ShouldContain("InvalidOperationException");
    }

    [Fact]
    public async Task graphql_exceptions_thrown_by_resolvers_reach_the_client_with_their_code()
    {
        var schema = new SchemaBuilder()
            .Query(q => q.Field("door", "Int", f => f.ResolveAsync(async _ =>
            {
                await Task.Yield();
                throw new GraphQLException("Door 7 is jammed.", "DOOR_JAMMED");
            })))
            .Build();

        var result = await TestSchema.Run("{ door }", schema: schema);

        result.ToJson().ShouldBe("""{"data":{"door":null},"errors":[{"message":"Door 7 is jammed.","locations":[{"line":1,"column":3}],"path":["door"],"extensions":{"code":"DOOR_JAMMED"}}]}""");
    }

    [Fact]
    public async Task a_non_list_value_for_a_list_field_is_a_field_error()
    {
        var schema = new SchemaBuilder().Query(q => q.Field("items", "[Int]", _ => 5)).Build();

        var result = await TestSchema.Run("{ items }", schema: schema);

        result.Errors.ShouldHaveSingleItem().Message.ShouldBe("Expected Iterable, but did not find one for field \"Query.items\".");
    }

    [Fact]
    public async Task a_value_of_the_wrong_clr_type_for_a_typed_object_is_a_field_error()
    {
        var schema = new SchemaBuilder()
            .Query(q => q.Field("door", "Door", _ => "not a door"))
            .Object<Door>("Door", t => t.Field("number", "Int!", d => d.Number))
            .Build();

        var result = await TestSchema.Run("{ door { number } }", schema: schema);

        result.ToJson().ShouldBe("""{"data":{"door":null},"errors":[{"message":"Expected value of type \"Door\" but got: String.","locations":[{"line":1,"column":3}],"path":["door"]}]}""");
    }
}
