using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.4.1 Argument Names; expected errors are graphql-js's for the same document.</summary>
public sealed class KnownArgumentNamesRuleTests
{
    private static readonly IValidationRule Rule = new KnownArgumentNamesRule();

    [Fact]
    public void defined_arguments_are_valid() =>
        Check.Errors(Rule, """
            fragment argOnRequiredArg on Dog { doesKnowCommand(dogCommand: SIT) }
            fragment argOnOptional on Dog { isHouseTrained(atOtherHomes: true) @include(if: true) }
            """).ShouldBeEmpty();

    [Fact]
    public void an_argument_the_field_does_not_define_is_invalid() =>
        Check.Errors(Rule, """
            fragment invalidArgName on Dog {
              doesKnowCommand(command: CLEAN_UP_HOUSE)
            }
            """).ShouldBe([
            "Unknown argument \"command\" on field \"Dog.doesKnowCommand\". Did you mean \"dogCommand\"? 2:19",
        ]);

    [Fact]
    public void an_argument_the_directive_does_not_define_is_invalid() =>
        Check.Errors(Rule, """
            fragment invalidArgName on Dog {
              isHouseTrained(atOtherHomes: true) @include(unless: false)
            }
            """).ShouldBe([
            "Unknown argument \"unless\" on directive \"@include\". 2:47",
        ]);

    [Fact]
    public void misspelt_arguments_get_suggestions() =>
        Check.Errors(Rule, """
            {
              dog { isHouseTrained(atOtherhomes: true) @skip(iff: true) }
              arguments { multipleRequirements(X: 1, y: 2, z: 3) }
            }
            """).ShouldBe([
            "Unknown argument \"atOtherhomes\" on field \"Dog.isHouseTrained\". Did you mean \"atOtherHomes\"? 2:24",
            "Unknown argument \"iff\" on directive \"@skip\". Did you mean \"if\"? 2:50",
            "Unknown argument \"X\" on field \"Arguments.multipleRequirements\". Did you mean \"x\" or \"y\"? 3:36",
            "Unknown argument \"z\" on field \"Arguments.multipleRequirements\". Did you mean \"x\" or \"y\"? 3:48",
        ]);

    [Fact]
    public void arguments_of_unknown_fields_and_directives_are_not_reported() =>
        Check.Errors(Rule, "{ dog { unknown(a: 1) name @unknown(b: 2) } }").ShouldBeEmpty();
}
