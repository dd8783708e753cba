using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.4.2 Argument Uniqueness; expected errors are graphql-js's for the same document.</summary>
public sealed class UniqueArgumentNamesRuleTests
{
    private static readonly IValidationRule Rule = new UniqueArgumentNamesRule();

    [Fact]
    public void distinct_arguments_are_valid() =>
        Check.Errors(Rule, """
            fragment multipleArgs on Arguments { multipleRequirements(x: 1, y: 2) }
            fragment multipleArgsReverseOrder on Arguments { multipleRequirements(y: 2, x: 1) }
            """).ShouldBeEmpty();

    [Fact]
    public void a_duplicated_field_argument_is_invalid() =>
        Check.Errors(Rule, """
            {
              arguments {
                multipleRequirements(x: 1, x: 2, y: 3, x: 4)
              }
            }
            """).ShouldBe([
            "There can be only one argument named \"x\". 3:26 3:32 3:44",
        ]);

    [Fact]
    public void a_duplicated_directive_argument_is_invalid() =>
        Check.Errors(Rule, "{ dog @skip(if: true, if: false) { name } }").ShouldBe([
            "There can be only one argument named \"if\". 1:13 1:23",
        ]);
}
