using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.5.1.2 Fragment Spread Type Existence and other type references; expected errors are graphql-js's for the same document.</summary>
public sealed class KnownTypeNamesRuleTests
{
    private static readonly IValidationRule Rule = new KnownTypeNamesRule();

    [Fact]
    public void known_types_are_valid() =>
        Check.Errors(Rule, """
            query ($var: String, $complex: ComplexInput) { dog { ...F } }
            fragment F on Dog { name ... on Pet { name } }
            """).ShouldBeEmpty();

    [Fact]
    public void unknown_types_are_reported_with_suggestions() =>
        Check.Errors(Rule, """
            query Foo($var: [JumbledUpLetters!]!, $s: Strin) {
              dog { ...F }
            }
            fragment notOnExistingType on NotInSchema { name }
            fragment F on Dgo {
              ... on Badger { name }
            }
            """).ShouldBe([
            "Unknown type \"JumbledUpLetters\". 1:18",
            "Unknown type \"Strin\". Did you mean \"String\"? 1:43",
            "Unknown type \"NotInSchema\". Did you mean \"__Schema\"? 4:31",
            "Unknown type \"Dgo\". Did you mean \"Dog\"? 5:15",
            "Unknown type \"Badger\". 6:10",
        ]);

    [Fact]
    public void standard_types_may_be_named_in_sdl_but_not_in_operations() =>
        Check.Errors(Rule, """
            query ($id: ID, $x: __Type) { dog { name } }
            type Foo implements Bar { a: Int, b: Floot }
            """).ShouldBe([
            "Unknown type \"Bar\". Did you mean \"Cat\"? 2:21",
            "Unknown type \"Floot\". Did you mean \"Float\" or \"Foo\"? 2:38",
        ]);
}
