using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.5.2.1 Fragment Spread Target Defined; expected errors are graphql-js's for the same document.</summary>
public sealed class KnownFragmentNamesRuleTests
{
    private static readonly IValidationRule Rule = new KnownFragmentNamesRule();

    [Fact]
    public void spreads_of_defined_fragments_are_valid() =>
        Check.Errors(Rule, """
            { dog { ...F } }
            fragment F on Dog { name ...G }
            fragment G on Dog { nickname }
            """).ShouldBeEmpty();

    [Fact]
    public void a_spread_of_an_undefined_fragment_is_invalid() =>
        Check.Errors(Rule, """
            {
              dog {
                ...undefinedFragment
                ... on Dog { ...alsoUndefined }
              }
            }
            """).ShouldBe([
            "Unknown fragment \"undefinedFragment\". 3:8",
            "Unknown fragment \"alsoUndefined\". 4:21",
        ]);
}
