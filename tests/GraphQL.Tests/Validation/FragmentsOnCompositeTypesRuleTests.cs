using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.5.1.3 Fragments On Composite Types; expected errors are graphql-js's for the same document.</summary>
public sealed class FragmentsOnCompositeTypesRuleTests
{
    private static readonly IValidationRule Rule = new FragmentsOnCompositeTypesRule();

    [Fact]
    public void object_interface_and_union_conditions_are_valid() =>
        Check.Errors(Rule, """
            fragment fragOnObject on Dog { name }
            fragment fragOnInterface on Pet { name }
            fragment fragOnUnion on CatOrDog { ... on Dog { name } ... { __typename } }
            """).ShouldBeEmpty();

    [Fact]
    public void scalar_conditions_are_invalid() =>
        Check.Errors(Rule, """
            fragment fragOnScalar on Int {
              something
            }

            fragment inlineFragOnScalar on Dog {
              ... on Boolean {
                somethingElse
              }
            }
            """).ShouldBe([
            "Fragment \"fragOnScalar\" cannot condition on non composite type \"Int\". 1:26",
            "Fragment cannot condition on non composite type \"Boolean\". 6:10",
        ]);

    [Fact]
    public void enum_and_input_object_conditions_are_invalid() =>
        Check.Errors(Rule, """
            fragment onEnum on DogCommand { a }
            fragment onInput on ComplexInput { name }
            """).ShouldBe([
            "Fragment \"onEnum\" cannot condition on non composite type \"DogCommand\". 1:20",
            "Fragment \"onInput\" cannot condition on non composite type \"ComplexInput\". 2:21",
        ]);

    [Fact]
    public void unknown_types_are_left_to_known_type_names() =>
        Check.Errors(Rule, "fragment f on Unknown { a }").ShouldBeEmpty();
}
