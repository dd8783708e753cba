using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.8.5 All Variable Usages Are Allowed; expected errors are graphql-js's for the same document.</summary>
public sealed class VariablesInAllowedPositionRuleTests
{
    private static readonly IValidationRule Rule = new VariablesInAllowedPositionRule();

    [Fact]
    public void matching_types_are_valid() =>
        Check.Errors(Rule, """
            query nonNullListToList($nonNullBooleanList: [Boolean]!, $b: Boolean!) {
              arguments {
                booleanListArgField(booleanListArg: $nonNullBooleanList)
                nonNullBooleanArgField(nonNullBooleanArg: $b)
                booleanArgField(booleanArg: $b)
              }
            }
            """).ShouldBeEmpty();

    [Fact]
    public void types_must_match() =>
        Check.Errors(Rule, """
            query intCannotGoIntoBoolean($intArg: Int) {
              arguments {
                booleanArgField(booleanArg: $intArg)
              }
            }
            """).ShouldBe([
            "Variable \"$intArg\" of type \"Int\" used in position expecting type \"Boolean\". 1:30 3:33",
        ]);

    [Fact]
    public void list_cardinality_must_match() =>
        Check.Errors(Rule, """
            query booleanListCannotGoIntoBoolean($booleanListArg: [Boolean]) {
              arguments {
                booleanArgField(booleanArg: $booleanListArg)
              }
            }
            """).ShouldBe([
            "Variable \"$booleanListArg\" of type \"[Boolean]\" used in position expecting type \"Boolean\". 1:38 3:33",
        ]);

    [Fact]
    public void a_nullable_variable_cannot_fill_a_non_null_argument() =>
        Check.Errors(Rule, """
            query booleanArgQuery($booleanArg: Boolean) {
              arguments {
                nonNullBooleanArgField(nonNullBooleanArg: $booleanArg)
              }
            }
            """).ShouldBe([
            "Variable \"$booleanArg\" of type \"Boolean\" used in position expecting type \"Boolean!\". 1:23 3:47",
        ]);

    [Fact]
    public void a_nullable_list_cannot_fill_a_non_null_list() =>
        Check.Errors(Rule, """
            query listToNonNullList($booleanList: [Boolean]) {
              arguments {
                nonNullBooleanListField(nonNullBooleanListArg: $booleanList)
              }
            }
            """).ShouldBe([
            "Variable \"$booleanList\" of type \"[Boolean]\" used in position expecting type \"[Boolean]!\". 1:25 3:52",
        ]);

    [Fact]
    public void a_default_on_the_location_allows_a_nullable_variable() =>
        Check.Errors(Rule, """
            query booleanArgQueryWithDefault($booleanArg: Boolean) {
              arguments {
                optionalNonNullBooleanArgField(optionalBooleanArg: $booleanArg)
              }
            }
            """).ShouldBeEmpty();

    [Fact]
    public void a_non_null_default_on_the_variable_allows_it() =>
        Check.Errors(Rule, """
            query booleanArgQueryWithDefault($booleanArg: Boolean = true) {
              arguments {
                nonNullBooleanArgField(nonNullBooleanArg: $booleanArg)
              }
            }
            """).ShouldBeEmpty();

    [Fact]
    public void a_null_default_on_the_variable_does_not() =>
        Check.Errors(Rule, """
            query ($booleanArg: Boolean = null) {
              arguments {
                nonNullBooleanArgField(nonNullBooleanArg: $booleanArg)
              }
            }
            """).ShouldBe([
            "Variable \"$booleanArg\" of type \"Boolean\" used in position expecting type \"Boolean!\". 1:8 3:47",
        ]);

    [Fact]
    public void usages_in_lists_objects_and_fragments_are_checked() =>
        Check.Errors(Rule, """
            query ($b: Boolean, $s: String) {
              arguments { booleanListArgField(booleanListArg: [$b, $s]) }
              booleanList(booleanListArg: [$b])
              dog { ...F }
            }
            fragment F on Dog { isHouseTrained(atOtherHomes: $s) }
            """).ShouldBe([
            "Variable \"$s\" of type \"String\" used in position expecting type \"Boolean\". 1:21 2:56",
            "Variable \"$b\" of type \"Boolean\" used in position expecting type \"Boolean!\". 1:8 3:32",
            "Variable \"$s\" of type \"String\" used in position expecting type \"Boolean\". 1:21 6:50",
        ]);

    [Fact]
    public void a_oneof_field_needs_a_non_null_variable() =>
        Check.Errors(Rule, """
            query ($name: String, $id: ID!) {
              a: findPet(by: { name: $name }) { name }
              b: findPet(by: { id: $id }) { name }
            }
            """).ShouldBe([
            "Variable \"$name\" is of type \"String\" but must be non-nullable to be used for OneOf Input Object \"PetBy\". 1:8 2:26",
        ]);
}
