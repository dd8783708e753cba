using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.8.4 All Variables Used; expected errors are graphql-js's for the same document.</summary>
public sealed class NoUnusedVariablesRuleTests
{
    private static readonly IValidationRule Rule = new NoUnusedVariablesRule();

    [Fact]
    public void variables_used_directly_or_in_fragments_are_valid() =>
        Check.Errors(Rule, """
            query variableUsedInFragment($atOtherHomes: Boolean, $name: String) {
              dog { ...isHouseTrainedFragment }
              findDog(complex: { name: $name }) { name }
            }
            fragment isHouseTrainedFragment on Dog { isHouseTrained(atOtherHomes: $atOtherHomes) }
            """).ShouldBeEmpty();

    [Fact]
    public void an_unused_variable_is_invalid() =>
        Check.Errors(Rule, """
            query variableUnused($atOtherHomes: Boolean) {
              dog {
                isHouseTrained
              }
            }
            """).ShouldBe([
            "Variable \"$atOtherHomes\" is never used in operation \"variableUnused\". 1:22",
        ]);

    [Fact]
    public void a_fragment_without_the_variable_does_not_use_it() =>
        Check.Errors(Rule, """
            query variableNotUsedWithinFragment($atOtherHomes: Boolean) {
              dog { ...isHouseTrainedWithoutVariableFragment }
            }
            fragment isHouseTrainedWithoutVariableFragment on Dog { isHouseTrained }
            """).ShouldBe([
            "Variable \"$atOtherHomes\" is never used in operation \"variableNotUsedWithinFragment\". 1:37",
        ]);

    [Fact]
    public void each_operation_must_use_its_own_variables() =>
        Check.Errors(Rule, """
            query queryWithUsedVar($atOtherHomes: Boolean) {
              dog { ...isHouseTrainedFragment }
            }
            query queryWithExtraVar($atOtherHomes: Boolean, $extra: Int) {
              dog { ...isHouseTrainedFragment }
            }
            fragment isHouseTrainedFragment on Dog { isHouseTrained(atOtherHomes: $atOtherHomes) }
            """).ShouldBe([
            "Variable \"$extra\" is never used in operation \"queryWithExtraVar\". 4:49",
        ]);

    [Fact]
    public void an_anonymous_operation_is_named_as_such() =>
        Check.Errors(Rule, "query ($a: Int, $b: Int) { dog { name } }").ShouldBe([
            "Variable \"$a\" is never used. 1:8",
            "Variable \"$b\" is never used. 1:17",
        ]);
}
