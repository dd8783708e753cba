using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Tests.Execution;

public sealed class LimitTests
{
    private static readonly Schema Recursive = new SchemaBuilder()
        .Query(q => q
            .Field("node", "Node", _ => new object())
            .Field("slow", "Int", f => f.ResolveAsync(async ctx =>
            {
                await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
                return (object?)1;
            })))
        .Object("Node", t => t
            .Field("id", "Int", _ => 1)
            .Field("next", "Node", _ => new object())
            .Field("list", "[Node]", f => f.Argument("first", "Int", a => a.DefaultValue(5)).Cost(2, "first").Resolve(_ => new[] { new object() }))
            .Field("page", "[Node]", f => f
                .Argument("first", "Int")
                .Argument("last", "Int")
                .Cost(1, "first", "last")
                .AssumedSize(20)
                .Resolve(_ => new[] { new object() })))
        .Build();

    [Fact]
    public async Task depth_beyond_the_limit_is_refused_before_execution()
    {
        var result = await TestSchema.Run("{ node { next { next { next { id } } } } }", schema: Recursive, options: new ExecutorOptions { MaxDepth = 3 });

        result.Executed.ShouldBeFalse();
        result.ToJson().ShouldBe("""{"errors":[{"message":"The operation's depth 5 exceeds the maximum allowed depth of 3.","locations":[{"line":1,"column":1}],"extensions":{"code":"MAX_DEPTH_EXCEEDED"}}]}""");
    }

    [Fact]
    public async Task cost_multiplies_by_list_arguments_including_variables_and_defaults()
    {
        var options = new ExecutorOptions { MaxCost = 50 };

        (await TestSchema.Run("{ node { list { id } } }", schema: Recursive, options: options)).Executed.ShouldBeTrue();
        var byLiteral = await TestSchema.Run("{ node { list(first: 100) { id } } }", schema: Recursive, options: options);
        var byVariable = await TestSchema.Run(
            "query ($n: Int) { node { list(first: $n) { list { id } } } }",
            new Dictionary<string, object?> { ["n"] = 9L },
            options,
            Recursive);

        byLiteral.ToJson().ShouldBe("""{"errors":[{"message":"The operation's cost exceeds the maximum allowed cost of 50.","locations":[{"line":1,"column":1}],"extensions":{"code":"MAX_COST_EXCEEDED","cost":54,"maxCost":50}}]}""");
        byVariable.Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.MaxCostExceeded);
    }

    [Theory]
    [InlineData("{ node { page { id } } }", 22)]                       // no first/last: the assumed page of 20
    [InlineData("{ node { page(first: 3) { id } } }", 5)]
    [InlineData("{ node { page(last: 7) { id } } }", 9)]
    [InlineData("{ node { page(first: null) { id } } }", 22)]
    [InlineData("query ($n: Int) { node { page(first: $n) { id } } }", 22)] // a variable not given
    public async Task a_list_with_no_slicing_argument_costs_its_assumed_size(string query, int cost)
    {
        var result = await TestSchema.Run(query, schema: Recursive, options: new ExecutorOptions { MaxCost = cost - 1 });

        result.Errors.ShouldHaveSingleItem().Extensions!["cost"].ShouldBe((long)cost);
        (await TestSchema.Run(query, schema: Recursive, options: new ExecutorOptions { MaxCost = cost })).Executed.ShouldBeTrue();
    }

    [Fact]
    public async Task a_resolver_cancelled_by_the_timeout_becomes_a_timeout_field_error()
    {
        var result = await TestSchema.Run("{ slow node { id } }", schema: Recursive, options: new ExecutorOptions { Timeout = TimeSpan.FromMilliseconds(50) });

        result.Executed.ShouldBeTrue();
        result.ToJson().ShouldBe("""{"data":{"slow":null,"node":{"id":1}},"errors":[{"message":"The request was cancelled or timed out.","locations":[{"line":1,"column":3}],"path":["slow"],"extensions":{"code":"TIMEOUT"}}]}""");
    }

    [Fact]
    public async Task a_resolver_that_ignores_cancellation_cannot_hold_the_request_past_its_timeout()
    {
        var never = new TaskCompletionSource<object?>();
        var schema = new SchemaBuilder().Query(q => q.Field("stuck", "Int", f => f.ResolveAsync(_ => new ValueTask<object?>(never.Task)))).Build();

        var result = await TestSchema.Run("{ stuck }", schema: schema, options: new ExecutorOptions { Timeout = TimeSpan.FromMilliseconds(50) });

        result.ToJson().ShouldBe("""{"data":null,"errors":[{"message":"The request exceeded the time limit of 0.05 s.","extensions":{"code":"TIMEOUT"}}]}""");
    }

    [Fact]
    public async Task fragment_bombs_are_refused_without_expanding_them()
    {
        var fragments = string.Join('\n', Enumerable.Range(0, 30).Select(i => $"fragment F{i} on Node {{ id ...F{i + 1} next {{ ...F{i + 1} }} }}"));
        var query = "{ node { ...F0 } }\n" + fragments + "\nfragment F30 on Node { id }";

        var result = await TestSchema.Run(query, schema: Recursive, options: new ExecutorOptions { MaxCost = int.MaxValue, MaxDepth = 100 });

        result.Errors.ShouldHaveSingleItem().Message.ShouldBe("The operation is too complex to analyze.");
    }

    [Fact]
    public async Task introspection_can_be_switched_off_but_typename_still_works()
    {
        var options = new ExecutorOptions { EnableIntrospection = false };

        var refused = await TestSchema.Run("{ cabinets { id } __schema { types { name } } }", options: options);
        var typename = await TestSchema.Run("{ __typename }", options: options);

        refused.ToJson().ShouldBe("""{"errors":[{"message":"Introspection is disabled for this endpoint.","locations":[{"line":1,"column":19}],"extensions":{"code":"INTROSPECTION_DISABLED"}}]}""");
        typename.ToJson().ShouldBe("""{"data":{"__typename":"Query"}}""");
    }

    [Fact]
    public async Task the_full_introspection_query_fits_the_default_limits()
    {
        var result = await new Executor(KitchenSinkSchema.Build()).ExecuteAsync(new ExecutionRequest { Query = Introspection.IntrospectionQuery.Text });

        result.Errors.ShouldBeEmpty();
    }
}
