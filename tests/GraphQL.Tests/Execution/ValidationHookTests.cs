using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Validation;

namespace Cabinets.GraphQL.Tests.Execution;

public sealed class ValidationHookTests
{
    /// <summary>Refuses fields named "forbidden"; counts how often it runs.</summary>
    private sealed class NoForbiddenField : IValidationRule
    {
        public int Runs;

        public void Validate(ValidationContext context)
        {
            Interlocked.Increment(ref Runs);
            foreach (var operation in context.Document.Operations)
            {
                foreach (var field in operation.SelectionSet.Selections.OfType<FieldNode>().Where(f => f.Name.Value == "forbidden"))
                {
                    context.ReportError("Field \"forbidden\" is not allowed.", field);
                }
            }
        }
    }

    /// <summary>Refuses requests whose variable "n" is over 10 — a rule that needs the variables.</summary>
    private sealed class SmallN : IValidationRule
    {
        public bool UsesVariables => true;

        public void Validate(ValidationContext context)
        {
            if (context.Variables.TryGetValue("n", out var n) && n is long value && value > 10)
            {
                context.ReportError(new GraphQLError("n is too big.", code: "N_TOO_BIG"));
            }
        }
    }

    [Fact]
    public async Task validation_errors_stop_the_request_before_execution()
    {
        var rule = new NoForbiddenField();
        var executor = new Executor(TestSchema.Build(), new ExecutorOptions { ValidationRules = [rule] });

        var result = await executor.ExecuteAsync(new ExecutionRequest { Query = "{ cabinets { id } forbidden }" });

        result.Executed.ShouldBeFalse();
        result.ToJson().ShouldBe("""{"errors":[{"message":"Field \"forbidden\" is not allowed.","locations":[{"line":1,"column":19}],"extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}""");
    }

    [Fact]
    public async Task a_query_text_is_parsed_and_validated_once()
    {
        var rule = new NoForbiddenField();
        var executor = new Executor(TestSchema.Build(), new ExecutorOptions { ValidationRules = [rule] });

        for (var i = 0; i < 5; i++)
        {
            (await executor.ExecuteAsync(new ExecutionRequest { Query = "{ cabinets { id } }" })).Errors.ShouldBeEmpty();
        }

        rule.Runs.ShouldBe(1);
    }

    [Fact]
    public async Task rules_that_read_variables_run_on_every_request()
    {
        var executor = new Executor(TestSchema.Build(), new ExecutorOptions { ValidationRules = [new NoForbiddenField(), new SmallN()] });
        const string query = "query ($n: Int) { cabinets { doors { number } } }";

        var small = await executor.ExecuteAsync(new ExecutionRequest { Query = query, Variables = new Dictionary<string, object?> { ["n"] = 3L } });
        var big = await executor.ExecuteAsync(new ExecutionRequest { Query = query, Variables = new Dictionary<string, object?> { ["n"] = 30L } });

        small.Executed.ShouldBeTrue();
        big.Errors.ShouldHaveSingleItem().Code.ShouldBe("N_TOO_BIG");
    }

    [Fact]
    public async Task concurrent_requests_share_the_cached_plan_and_get_identical_results()
    {
        var executor = new Executor(TestSchema.Build());
        const string query = "{ cabinets { serialNumber doors { number state } } search { __typename } }";
        var expected = (await executor.ExecuteAsync(new ExecutionRequest { Query = query })).ToJson();

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ =>
            Task.Run(async () => (await executor.ExecuteAsync(new ExecutionRequest { Query = query })).ToJson())));

        results.ShouldAllBe(json => json == expected);
    }

    [Fact]
    public async Task subscriptions_are_refused_as_request_errors()
    {
        var schema = TestSchema.Builder().Subscription(s => s.Field("doorOpened", "Int")).Build();

        var result = await TestSchema.Run("subscription { doorOpened }", schema: schema);

        result.Executed.ShouldBeFalse();
        result.Errors.ShouldHaveSingleItem().Message.ShouldBe("Subscriptions are not supported by this endpoint.");
    }

    [Fact]
    public async Task an_operation_type_the_schema_lacks_is_refused()
    {
        var schema = new Cabinets.GraphQL.Types.SchemaBuilder().Query(q => q.Field("a", "Int")).Build();

        // Validation off: KnownOperationTypes refuses it first (see Validation/KnownOperationTypesRuleTests); this is the executor's own guard.
        var result = await TestSchema.Run("mutation { a }", options: new ExecutorOptions { ValidationRules = [] }, schema: schema);

        result.Errors.ShouldHaveSingleItem().Message.ShouldBe("Schema is not configured to execute mutation operation.");
    }
}
