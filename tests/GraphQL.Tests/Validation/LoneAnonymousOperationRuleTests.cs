using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.2.3.1 Lone Anonymous Operation; expected errors are graphql-js's for the same document.</summary>
public sealed class LoneAnonymousOperationRuleTests
{
    private static readonly IValidationRule Rule = new LoneAnonymousOperationRule();

    [Fact]
    public void a_single_anonymous_operation_is_valid() =>
        Check.Errors(Rule, "{ dog { name } }").ShouldBeEmpty();

    [Fact]
    public void an_anonymous_operation_beside_another_is_invalid() =>
        Check.Errors(Rule, """
            {
              dog { name }
            }

            query getName {
              dog { owner { name } }
            }
            """).ShouldBe([
            "This anonymous operation must be the only defined operation. 1:1",
        ]);

    [Fact]
    public void each_of_several_anonymous_operations_is_reported() =>
        Check.Errors(Rule, """
            { dog { name } }
            { human { name } }
            """).ShouldBe([
            "This anonymous operation must be the only defined operation. 1:1",
            "This anonymous operation must be the only defined operation. 2:1",
        ]);
}
