using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.5.1.4 Fragments Must Be Used; expected errors are graphql-js's for the same document.</summary>
public sealed class NoUnusedFragmentsRuleTests
{
    private static readonly IValidationRule Rule = new NoUnusedFragmentsRule();

    [Fact]
    public void fragments_used_transitively_are_valid() =>
        Check.Errors(Rule, """
            { dog { ...A } }
            fragment A on Dog { name ...B }
            fragment B on Dog { owner { ...C } }
            fragment C on Human { name }
            """).ShouldBeEmpty();

    [Fact]
    public void an_unused_fragment_is_invalid() =>
        Check.Errors(Rule, """
            fragment nameFragment on Dog { # unused
              name
            }

            {
              dog {
                name
              }
            }
            """).ShouldBe([
            "Fragment \"nameFragment\" is never used. 1:1",
        ]);

    [Fact]
    public void fragments_used_only_by_unused_fragments_are_unused_too() =>
        Check.Errors(Rule, """
            { dog { name } }
            fragment Unused1 on Dog { ...Unused2 }
            fragment Unused2 on Dog { name }
            """).ShouldBe([
            "Fragment \"Unused1\" is never used. 2:1",
            "Fragment \"Unused2\" is never used. 3:1",
        ]);
}
