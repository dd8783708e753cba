using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.5.2.3 Fragment Spread Is Possible; expected errors are graphql-js's for the same document.</summary>
public sealed class PossibleFragmentSpreadsRuleTests
{
    private static readonly IValidationRule Rule = new PossibleFragmentSpreadsRule();

    [Fact]
    public void object_spreads_in_object_scope_must_match() =>
        Check.Errors(Rule, """
            fragment dogFragment on Dog {
              ... on Dog { barkVolume }
            }

            fragment catInDogFragmentInvalid on Dog {
              ... on Cat { meowVolume }
            }
            """).ShouldBe([
            "Fragment cannot be spread here as objects of type \"Dog\" can never be of type \"Cat\". 6:3",
        ]);

    [Fact]
    public void abstract_spreads_in_object_scope_are_valid_for_members() =>
        Check.Errors(Rule, """
            fragment petNameFragment on Pet { name }
            fragment interfaceWithinObjectFragment on Dog { ...petNameFragment }
            fragment catOrDogNameFragment on CatOrDog { ... on Cat { meowVolume } }
            fragment unionWithObjectFragment on Dog { ...catOrDogNameFragment }
            """).ShouldBeEmpty();

    [Fact]
    public void object_spreads_in_abstract_scope_must_be_possible_types() =>
        Check.Errors(Rule, """
            fragment petFragment on Pet { name ... on Dog { barkVolume } }
            fragment sentientFragment on Sentient {
              ... on Dog { barkVolume }
            }
            fragment humanOrAlienFragment on HumanOrAlien {
              ... on Cat { meowVolume }
            }
            """).ShouldBe([
            "Fragment cannot be spread here as objects of type \"Sentient\" can never be of type \"Dog\". 3:3",
            "Fragment cannot be spread here as objects of type \"HumanOrAlien\" can never be of type \"Cat\". 6:3",
        ]);

    [Fact]
    public void abstract_spreads_in_abstract_scope_must_intersect() =>
        Check.Errors(Rule, """
            fragment unionWithInterface on Pet { ...dogOrHumanFragment }
            fragment dogOrHumanFragment on DogOrHuman { ... on Dog { barkVolume } }
            fragment nonIntersectingInterfaces on Pet {
              ...sentientFragment
            }
            fragment sentientFragment on Sentient { name }
            """).ShouldBe([
            "Fragment \"sentientFragment\" cannot be spread here as objects of type \"Pet\" can never be of type \"Sentient\". 4:3",
        ]);

    [Fact]
    public void named_spreads_are_checked_against_the_scope() =>
        Check.Errors(Rule, """
            {
              human { ...dogFragment }
              dog { ...catOrDogFragment }
            }
            fragment dogFragment on Dog { name }
            fragment catOrDogFragment on CatOrDog { __typename }
            """).ShouldBe([
            "Fragment \"dogFragment\" cannot be spread here as objects of type \"Human\" can never be of type \"Dog\". 2:11",
        ]);
}
