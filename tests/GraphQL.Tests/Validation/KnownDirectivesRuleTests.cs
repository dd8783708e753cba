using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.7.1 Directives Are Defined and 5.7.2 Directives Are In Valid Locations; expected errors are graphql-js's for the same document.</summary>
public sealed class KnownDirectivesRuleTests
{
    private static readonly IValidationRule Rule = new KnownDirectivesRule();

    [Fact]
    public void known_directives_in_their_locations_are_valid() =>
        Check.Errors(Rule, """
            query ($v: Boolean!) @tag(name: "q") {
              dog @include(if: $v) @onField { name }
              ... @skip(if: true) { dog { name } }
            }
            """).ShouldBeEmpty();

    [Fact]
    public void an_unknown_directive_is_invalid() =>
        Check.Errors(Rule, """
            {
              dog @unknown(arg: 1) {
                name @alsoUnknown
              }
            }
            """).ShouldBe([
            "Unknown directive \"@unknown\". 2:7",
            "Unknown directive \"@alsoUnknown\". 3:10",
        ]);

    [Fact]
    public void a_directive_in_the_wrong_location_is_invalid() =>
        Check.Errors(Rule, """
            query @skip(if: $foo) {
              dog @deprecated {
                ...F @onField
              }
            }
            fragment F on Dog @include(if: true) { name }
            """).ShouldBe([
            "Directive \"@skip\" may not be used on QUERY. 1:7",
            "Directive \"@deprecated\" may not be used on FIELD. 2:7",
            "Directive \"@onField\" may not be used on FRAGMENT_SPREAD. 3:10",
            "Directive \"@include\" may not be used on FRAGMENT_DEFINITION. 6:19",
        ]);

    [Fact]
    public void variable_definition_directives_have_their_own_location() =>
        Check.Errors(Rule, "query ($v: Int @onField) { dog { name } }").ShouldBe([
            "Directive \"@onField\" may not be used on VARIABLE_DEFINITION. 1:16",
        ]);
}
