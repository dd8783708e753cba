using Cabinets.GraphQL.Execution;

namespace Cabinets.GraphQL.Tests.Execution;

public sealed class AuthorizationTests
{
    private sealed record Caller(IReadOnlySet<string> Permissions);

    private static readonly ExecutorOptions Options = new()
    {
        Authorize = ctx => ctx.UserContext is Caller caller && ctx.Field.RequiredPermissions.All(caller.Permissions.Contains),
    };

    private static Task<ExecutionResult> RunAs(params string[] permissions) =>
        new Executor(TestSchema.Build(), Options).ExecuteAsync(new ExecutionRequest
        {
            Query = "{ cabinets { serialNumber revenue } }",
            Context = new Caller(permissions.ToHashSet()),
        }).AsTask();

    [Fact]
    public async Task a_field_with_required_permissions_resolves_for_a_caller_who_holds_them() =>
        (await RunAs("finance:read")).ToJson().ShouldBe("""{"data":{"cabinets":[{"serialNumber":"C-001","revenue":12500},{"serialNumber":"C-002","revenue":9900}]}}""");

    [Fact]
    public async Task a_caller_without_the_permission_gets_forbidden_errors_and_nulls_bubble()
    {
        var result = await RunAs("cabinets:read");

        result.DataIsNull.ShouldBeTrue();
        result.Errors.Count.ShouldBe(2);
        result.Errors[0].Message.ShouldBe("You are not authorized to read Cabinet.revenue.");
        result.Errors[0].Code.ShouldBe(ErrorCodes.Forbidden);
        result.Errors[0].Path.ShouldBe(["cabinets", 0, "revenue"]);
    }

    [Fact]
    public void permissions_and_costs_are_readable_from_the_schema()
    {
        var revenue = TestSchema.Build().GetType<Cabinets.GraphQL.Types.ObjectType>("Cabinet")!.GetField("revenue")!;

        revenue.RequiredPermissions.ShouldBe(["finance:read"]);
        revenue.Cost.ShouldBe(1);
    }
}
