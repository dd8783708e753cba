using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Tests.Execution;

public sealed class ExecutionTests
{
    [Fact]
    public async Task unions_and_interfaces_resolve_their_object_type_from_the_value()
    {
        var result = await TestSchema.Run("""
            {
              search { __typename ... on Cabinet { serialNumber } ... on Door { number } }
              node(id: "C-002") { id __typename ...F }
            }
            fragment F on Cabinet { city }
            """);

        result.ToJson().ShouldBe("""{"data":{"search":[{"__typename":"Cabinet","serialNumber":"C-001"},{"__typename":"Cabinet","serialNumber":"C-002"},{"__typename":"Door","number":1},{"__typename":"Door","number":2},{"__typename":"Door","number":1}],"node":{"id":"C-002","__typename":"Cabinet","city":"Beijing"}}}""");
    }

    [Fact]
    public async Task skip_and_include_follow_literals_and_variables()
    {
        var result = await TestSchema.Run(
            "query ($yes: Boolean!) { cabinets { a: city @skip(if: $yes) b: city @include(if: $yes) ... @skip(if: true) { id } ...on Cabinet @include(if: false) { serialNumber } } }",
            new Dictionary<string, object?> { ["yes"] = true });

        result.ToJson().ShouldBe("""{"data":{"cabinets":[{"b":"Shanghai"},{"b":"Beijing"}]}}""");
    }

    [Fact]
    public async Task fields_with_the_same_response_key_are_merged()
    {
        var result = await TestSchema.Run("""{ cabinet(serialNumber: "C-002") { doors { number } ... on Cabinet { doors { state } } } }""");

        result.ToJson().ShouldBe("""{"data":{"cabinet":{"doors":[{"number":1,"state":"OUT_OF_ORDER"}]}}}""");
    }

    [Fact]
    public async Task enum_arguments_reach_resolvers_as_clr_values()
    {
        var result = await TestSchema.Run("{ cabinets { doors(state: OPEN) { number } } }");

        result.ToJson().ShouldBe("""{"data":{"cabinets":[{"doors":[{"number":2}]},{"doors":[]}]}}""");
    }

    [Fact]
    public async Task mutations_run_their_root_fields_one_after_another()
    {
        var log = new List<string>();
        var schema = new SchemaBuilder()
            .Query(q => q.Field("ok", "Boolean", _ => true))
            .Mutation(m => m.Field("step", "Int", f => f
                .Argument("n", "Int!")
                .ResolveAsync(async ctx =>
                {
                    var n = ctx.Argument<int>("n");
                    lock (log)
                    {
                        log.Add("start " + n);
                    }

                    await Task.Delay(30 - (n * 10));
                    lock (log)
                    {
                        log.Add("end " + n);
                    }

                    return (object?)n;
                })))
            .Build();

        var result = await TestSchema.Run("mutation { a: step(n: 1) b: step(n: 2) }", schema: schema);

        result.ToJson().ShouldBe("""{"data":{"a":1,"b":2}}""");
        log.ShouldBe(["start 1", "end 1", "start 2", "end 2"]);
    }

    [Fact]
    public async Task sibling_query_fields_run_concurrently()
    {
        var first = new TaskCompletionSource();
        var second = new TaskCompletionSource();
        var schema = new SchemaBuilder()
            .Query(q => q
                .Field("a", "Int", f => f.ResolveAsync(async _ =>
                {
                    first.SetResult();
                    await second.Task;
                    return (object?)1;
                }))
                .Field("b", "Int", f => f.ResolveAsync(async _ =>
                {
                    second.SetResult();
                    await first.Task;
                    return (object?)2;
                })))
            .Build();

        var result = await TestSchema.Run("{ a b }", schema: schema, options: new ExecutorOptions { Timeout = TimeSpan.FromSeconds(5) });

        result.ToJson().ShouldBe("""{"data":{"a":1,"b":2}}""");
    }

    [Fact]
    public async Task custom_scalars_serialize_to_json_primitives()
    {
        var schema = new SchemaBuilder()
            .Query(q => q
                .Field("at", "DateTime", _ => new DateTimeOffset(2026, 11, 22, 18, 30, 0, TimeSpan.FromHours(8)))
                .Field("fen", "Long", _ => 9_007_199_254_740_993L)
                .Field("price", "Decimal", _ => 12.50m)
                .Field("ratio", "Float", _ => 2)
                .Field("id", "ID", _ => 42))
            .Build();

        var result = await TestSchema.Run("{ at fen price ratio id }", schema: schema);

        result.ToJson().ShouldBe("""{"data":{"at":"2026-11-22T10:30:00Z","fen":9007199254740993,"price":12.50,"ratio":2,"id":"42"}}""");
    }

    [Theory]
    [InlineData("{ a } { b }", null, "Must provide operation name if query contains multiple operations.")]
    [InlineData("query A { a }", "B", "Unknown operation named \"B\".")]
    [InlineData("fragment F on Query { a }", null, "Must provide an operation.")]
    public async Task choosing_the_operation_can_fail_as_a_request_error(string query, string? name, string message)
    {
        // Validation off: these documents break section 5 rules, which would answer before operation selection.
        var executor = new Executor(TestSchema.Build(), new ExecutorOptions { ValidationRules = [] });
        var result = await executor.ExecuteAsync(new ExecutionRequest { Query = query, OperationName = name });

        result.Executed.ShouldBeFalse();
        result.Errors.ShouldHaveSingleItem().Message.ShouldBe(message);
    }

    [Fact]
    public async Task the_named_operation_is_executed()
    {
        var result = await new Executor(TestSchema.Build()).ExecuteAsync(new ExecutionRequest
        {
            Query = "query A { cabinets { id } } query B { cabinet(serialNumber: \"C-002\") { city } }",
            OperationName = "B",
        });

        result.ToJson().ShouldBe("""{"data":{"cabinet":{"city":"Beijing"}}}""");
    }

    [Fact]
    public async Task the_root_value_and_user_context_reach_resolvers()
    {
        var schema = new SchemaBuilder()
            .Query(q => q
                .Field("root", "String", f => f.Resolve(ctx => ctx.Source as string))
                .Field("user", "String", f => f.Resolve(ctx => ctx.UserContext as string))
                .Field("path", "[String]", f => f.Resolve(ctx => ctx.Path.Select(p => p.ToString()).ToList())))
            .Build();

        var result = await new Executor(schema).ExecuteAsync(new ExecutionRequest
        {
            Query = "{ root user p: path }",
            RootValue = "the root",
            Context = "operator-7",
        });

        result.ToJson().ShouldBe("""{"data":{"root":"the root","user":"operator-7","p":["p"]}}""");
    }

    [Fact]
    public async Task results_are_data_dictionaries_in_selection_order()
    {
        var result = await TestSchema.Run("{ cabinets { city serialNumber } }");

        var cabinets = result.Data!["cabinets"].ShouldBeOfType<object?[]>();
        var first = cabinets[0].ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!;
        first.Keys.ShouldBe(["city", "serialNumber"]);
    }
}
