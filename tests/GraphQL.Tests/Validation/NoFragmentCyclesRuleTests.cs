using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.5.2.2 Fragment Spreads Must Not Form Cycles; expected errors are graphql-js's for the same document.</summary>
public sealed class NoFragmentCyclesRuleTests
{
    private static readonly IValidationRule Rule = new NoFragmentCyclesRule();

    [Fact]
    public void a_fragment_spread_twice_is_not_a_cycle() =>
        Check.Errors(Rule, """
            { dog { ...A } }
            fragment A on Dog { ...B ...B }
            fragment B on Dog { name }
            """).ShouldBeEmpty();

    [Fact]
    public void spreading_a_fragment_within_itself_is_invalid() =>
        Check.Errors(Rule, """
            fragment nameFragment on Dog {
              name
              ...nameFragment
            }
            """).ShouldBe([
            "Cannot spread fragment \"nameFragment\" within itself. 3:3",
        ]);

    [Fact]
    public void a_cycle_through_two_fragments_is_invalid() =>
        Check.Errors(Rule, """
            {
              dog {
                ...nameFragment
              }
            }

            fragment nameFragment on Dog {
              name
              ...barkVolumeFragment
            }

            fragment barkVolumeFragment on Dog {
              barkVolume
              ...nameFragment
            }
            """).ShouldBe([
            "Cannot spread fragment \"nameFragment\" within itself via \"barkVolumeFragment\". 9:3 14:3",
        ]);

    [Fact]
    public void a_cycle_through_nested_selections_is_invalid() =>
        Check.Errors(Rule, """
            fragment dogFragment on Dog {
              name
              owner {
                ...ownerFragment
              }
            }

            fragment ownerFragment on Human {
              name
              pets {
                ...dogFragment
              }
            }
            """).ShouldBe([
            "Cannot spread fragment \"dogFragment\" within itself via \"ownerFragment\". 4:5 11:5",
        ]);

    [Fact]
    public void each_cycle_is_reported_once_with_its_path() =>
        Check.Errors(Rule, """
            fragment A on Dog { ...B }
            fragment B on Dog { ...C }
            fragment C on Dog { ...D ...B }
            fragment D on Dog { ...E ...A }
            fragment E on Dog { name }
            """).ShouldBe([
            "Cannot spread fragment \"A\" within itself via \"B\", \"C\", \"D\". 1:21 2:21 3:21 4:26",
            "Cannot spread fragment \"B\" within itself via \"C\". 2:21 3:26",
        ]);
}
