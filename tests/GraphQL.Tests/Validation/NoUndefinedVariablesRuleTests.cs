using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.8.3 All Variable Uses Defined; expected errors are graphql-js's for the same document.</summary>
public sealed class NoUndefinedVariablesRuleTests
{
    private static readonly IValidationRule Rule = new NoUndefinedVariablesRule();

    [Fact]
    public void defined_variables_are_valid() =>
        Check.Errors(Rule, """
            query variableIsDefined($atOtherHomes: Boolean) {
              dog { isHouseTrained(atOtherHomes: $atOtherHomes) }
            }
            """).ShouldBeEmpty();

    [Fact]
    public void an_undefined_variable_is_invalid() =>
        Check.Errors(Rule, """
            query variableIsNotDefined {
              dog {
                isHouseTrained(atOtherHomes: $atOtherHomes)
              }
            }
            """).ShouldBe([
            "Variable \"$atOtherHomes\" is not defined by operation \"variableIsNotDefined\". 3:34 1:1",
        ]);

    [Fact]
    public void a_variable_used_in_a_fragment_must_be_defined_by_the_operation() =>
        Check.Errors(Rule, """
            query variableIsNotDefinedUsedInSingleFragment {
              dog { ...isHouseTrainedFragment }
            }
            fragment isHouseTrainedFragment on Dog {
              isHouseTrained(atOtherHomes: $atOtherHomes)
            }
            """).ShouldBe([
            "Variable \"$atOtherHomes\" is not defined by operation \"variableIsNotDefinedUsedInSingleFragment\". 5:32 1:1",
        ]);

    [Fact]
    public void the_rule_applies_transitively() =>
        Check.Errors(Rule, """
            query variableIsNotDefinedUsedInNestedFragment {
              dog { ...outerHouseTrainedFragment }
            }
            fragment outerHouseTrainedFragment on Dog { ...isHouseTrainedFragment }
            fragment isHouseTrainedFragment on Dog {
              isHouseTrained(atOtherHomes: $atOtherHomes)
            }
            """).ShouldBe([
            "Variable \"$atOtherHomes\" is not defined by operation \"variableIsNotDefinedUsedInNestedFragment\". 6:32 1:1",
        ]);

    [Fact]
    public void every_operation_using_the_fragment_must_define_it() =>
        Check.Errors(Rule, """
            query houseTrainedQueryOne($atOtherHomes: Boolean) {
              dog { ...isHouseTrainedFragment }
            }
            query houseTrainedQueryTwoNotDefined {
              dog { ...isHouseTrainedFragment }
            }
            fragment isHouseTrainedFragment on Dog {
              isHouseTrained(atOtherHomes: $atOtherHomes)
            }
            """).ShouldBe([
            "Variable \"$atOtherHomes\" is not defined by operation \"houseTrainedQueryTwoNotDefined\". 8:32 4:1",
        ]);

    [Fact]
    public void an_anonymous_operation_is_named_as_such_and_every_usage_is_reported() =>
        Check.Errors(Rule, """
            {
              dog { isHouseTrained(atOtherHomes: $a) again: isHouseTrained(atOtherHomes: $a) }
              findDog(complex: { name: $b }) { name }
            }
            """).ShouldBe([
            "Variable \"$a\" is not defined. 2:38 1:1",
            "Variable \"$a\" is not defined. 2:78 1:1",
            "Variable \"$b\" is not defined. 3:28 1:1",
        ]);
}
