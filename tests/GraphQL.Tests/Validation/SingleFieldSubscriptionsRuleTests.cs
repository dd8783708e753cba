using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.2.4.1 Single Root Field; expected errors are graphql-js 17's for the same document (graphql-js 16 lacks the rule's September 2025 form).</summary>
public sealed class SingleFieldSubscriptionsRuleTests
{
    private static readonly IValidationRule Rule = new SingleFieldSubscriptionsRule();

    [Fact]
    public void one_root_field_is_valid() =>
        Check.Errors(Rule, "subscription sub { newMessage { body sender } }").ShouldBeEmpty();

    [Fact]
    public void one_root_field_through_a_fragment_is_valid() =>
        Check.Errors(Rule, """
            subscription sub { ...newMessageFields }
            fragment newMessageFields on Subscription { newMessage { body sender } }
            """).ShouldBeEmpty();

    [Fact]
    public void a_second_root_field_is_invalid() =>
        Check.Errors(Rule, """
            subscription sub {
              newMessage { body sender }
              disallowedSecondRootField
            }
            """).ShouldBe([
            "Subscription \"sub\" must select only one top level field. 3:3",
        ]);

    [Fact]
    public void a_second_root_field_through_a_fragment_is_invalid() =>
        Check.Errors(Rule, """
            subscription sub { ...multipleSubscriptions }
            fragment multipleSubscriptions on Subscription {
              newMessage { body sender }
              disallowedSecondRootField
            }
            """).ShouldBe([
            "Subscription \"sub\" must select only one top level field. 4:3",
        ]);

    [Fact]
    public void an_introspection_root_field_is_invalid() =>
        Check.Errors(Rule, """
            subscription sub {
              __typename
            }
            """).ShouldBe([
            "Subscription \"sub\" must not select an introspection top level field. 2:3",
        ]);

    [Fact]
    public void an_anonymous_subscription_is_named_as_such() =>
        Check.Errors(Rule, """
            subscription {
              newMessage { body }
              a: newMessage { body }
              b: disallowedSecondRootField
            }
            """).ShouldBe([
            "Anonymous Subscription must select only one top level field. 3:3 4:3",
        ]);

    [Fact]
    public void skip_and_include_are_not_allowed_at_the_top_level() =>
        Check.Errors(Rule, """
            subscription sub {
              newMessage @skip(if: false) { body }
              ... @include(if: true) { disallowedSecondRootField }
            }
            """).ShouldBe([
            "Subscription \"sub\" must not use `@skip` or `@include` directives in the top level selection. 2:14 3:7",
        ]);

    [Fact]
    public void a_selection_that_collects_no_field_is_invalid() =>
        Check.Errors(Rule, "subscription sub { ...missing }").ShouldBe([
            "Subscription \"sub\" must select one top level field. 1:18",
        ]);
}
