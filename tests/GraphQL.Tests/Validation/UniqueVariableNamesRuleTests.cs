using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.8.1 Variable Uniqueness; expected errors are graphql-js's for the same document.</summary>
public sealed class UniqueVariableNamesRuleTests
{
    private static readonly IValidationRule Rule = new UniqueVariableNamesRule();

    [Fact]
    public void one_name_per_operation_is_valid() =>
        Check.Errors(Rule, """
            query A($atOtherHomes: Boolean) { ...HouseTrainedFragment }
            query B($atOtherHomes: Boolean) { ...HouseTrainedFragment }
            fragment HouseTrainedFragment on Query { dog { isHouseTrained(atOtherHomes: $atOtherHomes) } }
            """).ShouldBeEmpty();

    [Fact]
    public void a_duplicated_variable_is_invalid() =>
        Check.Errors(Rule, """
            query houseTrainedQuery($atOtherHomes: Boolean, $atOtherHomes: Boolean) {
              dog {
                isHouseTrained(atOtherHomes: $atOtherHomes)
              }
            }
            """).ShouldBe([
            "There can be only one variable named \"$atOtherHomes\". 1:26 1:50",
        ]);

    [Fact]
    public void every_duplicate_is_located() =>
        Check.Errors(Rule, "query ($a: Int, $b: Int, $a: String, $b: Int, $a: Int) { dog { name } }").ShouldBe([
            "There can be only one variable named \"$a\". 1:9 1:27 1:48",
            "There can be only one variable named \"$b\". 1:18 1:39",
        ]);
}
