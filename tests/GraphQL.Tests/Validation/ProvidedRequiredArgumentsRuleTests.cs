using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.4.2.1 Required Arguments; expected errors are graphql-js's for the same document.</summary>
public sealed class ProvidedRequiredArgumentsRuleTests
{
    private static readonly IValidationRule Rule = new ProvidedRequiredArgumentsRule();

    [Fact]
    public void given_and_optional_arguments_are_valid() =>
        Check.Errors(Rule, """
            fragment goodBooleanArg on Arguments { booleanArgField(booleanArg: true) }
            fragment goodNonNullArg on Arguments { nonNullBooleanArgField(nonNullBooleanArg: true) }
            fragment goodBooleanArgDefault on Arguments { booleanArgField optionalNonNullBooleanArgField }
            """).ShouldBeEmpty();

    [Fact]
    public void a_missing_required_argument_is_invalid() =>
        Check.Errors(Rule, """
            fragment missingRequiredArg on Arguments {
              nonNullBooleanArgField
            }
            """).ShouldBe([
            "Field \"nonNullBooleanArgField\" argument \"nonNullBooleanArg\" of type \"Boolean!\" is required, but it was not provided. 2:3",
        ]);

    [Fact]
    public void every_missing_argument_is_reported() =>
        Check.Errors(Rule, """
            {
              arguments {
                multipleRequirements
              }
            }
            """).ShouldBe([
            "Field \"multipleRequirements\" argument \"x\" of type \"Int!\" is required, but it was not provided. 3:5",
            "Field \"multipleRequirements\" argument \"y\" of type \"Int!\" is required, but it was not provided. 3:5",
        ]);

    [Fact]
    public void a_missing_directive_argument_is_invalid() =>
        Check.Errors(Rule, """
            {
              dog @include {
                name @skip @tag
              }
            }
            """).ShouldBe([
            "Directive \"@include\" argument \"if\" of type \"Boolean!\" is required, but it was not provided. 2:7",
            "Directive \"@skip\" argument \"if\" of type \"Boolean!\" is required, but it was not provided. 3:10",
            "Directive \"@tag\" argument \"name\" of type \"String!\" is required, but it was not provided. 3:16",
        ]);

    [Fact]
    public void an_explicit_null_is_left_to_values_of_correct_type() =>
        Check.Errors(Rule, """
            fragment missingRequiredArg on Arguments {
              nonNullBooleanArgField(nonNullBooleanArg: null)
            }
            """).ShouldBeEmpty();
}
