using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.2.2.1 Operation Name Uniqueness; expected errors are graphql-js's for the same document.</summary>
public sealed class UniqueOperationNamesRuleTests
{
    private static readonly IValidationRule Rule = new UniqueOperationNamesRule();

    [Fact]
    public void differently_named_operations_are_valid() =>
        Check.Errors(Rule, """
            query getDogName {
              dog { name }
            }

            query getOwnerName {
              dog { owner { name } }
            }
            """).ShouldBeEmpty();

    [Fact]
    public void two_operations_with_one_name_are_invalid() =>
        Check.Errors(Rule, """
            query getName {
              dog { name }
            }

            query getName {
              dog { owner { name } }
            }
            """).ShouldBe([
            "There can be only one operation named \"getName\". 1:7 5:7",
        ]);

    [Fact]
    public void the_name_must_be_unique_across_operation_types() =>
        Check.Errors(Rule, """
            query dogOperation { dog { name } }
            subscription dogOperation { newMessage { body } }
            """).ShouldBe([
            "There can be only one operation named \"dogOperation\". 1:7 2:14",
        ]);

    [Fact]
    public void a_fragment_may_share_an_operation_name() =>
        Check.Errors(Rule, """
            query Foo { dog { ...Foo } }
            fragment Foo on Dog { name }
            """).ShouldBeEmpty();
}
