using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.2.1 (September 2025) operation types must exist; expected errors are graphql-js 17's for the same document (graphql-js 16 lacks the rule's September 2025 form).</summary>
public sealed class KnownOperationTypesRuleTests
{
    private static readonly IValidationRule Rule = new KnownOperationTypesRule();


    [Fact]
    public void a_query_is_always_supported() =>
        Check.Errors(Rule, "query { dog { name } }").ShouldBeEmpty();

    [Fact]
    public void a_mutation_without_a_mutation_root_type_is_refused() =>
        Check.Errors(Rule, """
            mutation AddDog {
              dog { name }
            }
            """).ShouldBe([
            "The mutation operation is not supported by the schema. 1:1",
        ]);

    [Fact]
    public void a_subscription_without_a_subscription_root_type_is_refused() =>
        Check.Errors(Rule, "subscription { a }", ValidationTestSchema.QueryOnly).ShouldBe([
            "The subscription operation is not supported by the schema. 1:1",
        ]);
}
