using Cabinets.GraphQL.Execution;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>The executor validates with the specified rules and answers an invalid document with a request error (spec 6.1, 7.1.2).</summary>
public sealed class ValidationExecutionTests
{
    [Fact]
    public async Task an_invalid_document_returns_errors_with_locations_and_no_data()
    {
        var result = await TestSchema.Run("""
            {
              cabinets { serialNumbr }
              cabinet { city }
            }
            """);

        result.Executed.ShouldBeFalse();
        result.Data.ShouldBeNull();
        result.ToJson().ShouldBe(
            """{"errors":[{"message":"Cannot query field \"serialNumbr\" on type \"Cabinet\". Did you mean \"serialNumber\"?","locations":[{"line":2,"column":14}],"extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}},"""
            + """{"message":"Field \"cabinet\" argument \"serialNumber\" of type \"String!\" is required, but it was not provided.","locations":[{"line":3,"column":3}],"extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}""");
    }

    [Fact]
    public async Task an_operation_on_a_missing_root_type_is_refused_by_validation()
    {
        var result = await TestSchema.Run("subscription { a }", schema: ValidationTestSchema.QueryOnly);

        result.Executed.ShouldBeFalse();
        result.Errors.Select(Check.Describe).ShouldBe(["The subscription operation is not supported by the schema. 1:1"]);
    }

    [Fact]
    public async Task a_valid_document_executes()
    {
        var result = await TestSchema.Run("""
            query ($serial: String!) { cabinet(serialNumber: $serial) { ...Where } }
            fragment Where on Cabinet { city }
            """, new Dictionary<string, object?> { ["serial"] = "C-002" });

        result.ToJson().ShouldBe("""{"data":{"cabinet":{"city":"Beijing"}}}""");
    }

    [Fact]
    public async Task the_error_limit_is_the_executor_option()
    {
        var query = "{ " + string.Join(" ", Enumerable.Range(0, 5).Select(i => $"f{i}")) + " }";

        var result = await TestSchema.Run(query, options: new ExecutorOptions { MaxValidationErrors = 3 });

        result.Errors.Count.ShouldBe(4);
        result.Errors[3].Message.ShouldBe("Too many validation errors, error limit reached. Validation aborted.");
    }
}
