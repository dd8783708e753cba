using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.3.2 Field Selection Merging; expected errors are graphql-js's for the same document.</summary>
public sealed class OverlappingFieldsCanBeMergedRuleTests
{
    private static readonly IValidationRule Rule = new OverlappingFieldsCanBeMergedRule();

    [Fact]
    public void identical_fields_and_aliases_merge() =>
        Check.Errors(Rule, """
            fragment mergeIdenticalFields on Dog { name name }
            fragment mergeIdenticalAliasesAndFields on Dog { otherName: name otherName: name }
            """).ShouldBeEmpty();

    [Fact]
    public void an_alias_hiding_another_field_conflicts() =>
        Check.Errors(Rule, """
            fragment conflictingBecauseAlias on Dog {
              name: nickname
              name
            }
            """).ShouldBe([
            "Fields \"name\" conflict because \"nickname\" and \"name\" are different fields. Use different aliases on the fields to fetch both if this was intentional. 2:3 3:3",
        ]);

    [Fact]
    public void identical_arguments_merge() =>
        Check.Errors(Rule, """
            query ($dogCommand: DogCommand!) { dog { ...A ...B } }
            fragment A on Dog {
              doesKnowCommand(dogCommand: SIT)
              doesKnowCommand(dogCommand: SIT)
            }
            fragment B on Dog {
              doesKnowCommand(dogCommand: $dogCommand)
              doesKnowCommand(dogCommand: $dogCommand)
            }
            """).ShouldBe([
            "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. 3:3 7:3",
            "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. 3:3 8:3",
            "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. 4:3 7:3",
            "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. 4:3 8:3",
        ]);

    [Fact]
    public void differing_arguments_conflict() =>
        Check.Errors(Rule, """
            fragment conflictingArgsOnValues on Dog {
              doesKnowCommand(dogCommand: SIT)
              doesKnowCommand(dogCommand: HEEL)
            }
            fragment conflictingArgsValueAndVar on Dog {
              doesKnowCommand(dogCommand: SIT)
              doesKnowCommand(dogCommand: $dogCommand)
            }
            fragment conflictingArgsWithVars on Dog {
              doesKnowCommand(dogCommand: $varOne)
              doesKnowCommand(dogCommand: $varTwo)
            }
            fragment differingArgs on Dog {
              doesKnowCommand(dogCommand: SIT)
              doesKnowCommand
            }
            """).ShouldBe([
            "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. 2:3 3:3",
            "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. 6:3 7:3",
            "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. 10:3 11:3",
            "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. 14:3 15:3",
        ]);

    [Fact]
    public void fields_on_different_object_types_may_differ() =>
        Check.Errors(Rule, """
            fragment safeDifferingFields on Pet {
              ... on Dog { volume: barkVolume }
              ... on Cat { volume: meowVolume }
            }
            fragment safeDifferingArgs on Pet {
              ... on Dog { doesKnowCommand(dogCommand: SIT) }
              ... on Cat { doesKnowCommand(catCommand: JUMP) }
            }
            """).ShouldBeEmpty();

    [Fact]
    public void fields_on_different_object_types_must_share_a_shape() =>
        Check.Errors(Rule, """
            fragment conflictingDifferingResponses on Pet {
              ... on Dog {
                someValue: nickname
              }
              ... on Cat {
                someValue: meowVolume
              }
            }
            """).ShouldBe([
            "Fields \"someValue\" conflict because they return conflicting types \"String\" and \"Int\". Use different aliases on the fields to fetch both if this was intentional. 3:5 6:5",
        ]);

    [Fact]
    public void argument_order_and_object_field_order_do_not_matter() =>
        Check.Errors(Rule, """
            {
              findDog(complex: { name: "a", owner: "b" }, searchBy: { name: "c" }) { name }
              findDog(searchBy: { name: "c" }, complex: { owner: "b", name: "a" }) { name }
            }
            """).ShouldBeEmpty();

    [Fact]
    public void conflicts_between_fragments_are_found() =>
        Check.Errors(Rule, """
            {
              dog {
                ...A
                ...B
              }
            }
            fragment A on Dog { x: name }
            fragment B on Dog { x: nickname ...C }
            fragment C on Dog { x: barkVolume }
            """).ShouldBe([
            "Fields \"x\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases on the fields to fetch both if this was intentional. 7:21 8:21",
            "Fields \"x\" conflict because \"name\" and \"barkVolume\" are different fields. Use different aliases on the fields to fetch both if this was intentional. 7:21 9:21",
            "Fields \"x\" conflict because \"nickname\" and \"barkVolume\" are different fields. Use different aliases on the fields to fetch both if this was intentional. 8:21 9:21",
        ]);

    [Fact]
    public void nested_conflicts_are_reported_at_the_outer_fields() =>
        Check.Errors(Rule, """
            {
              dog {
                owner { name }
                owner {
                  name: pets { name }
                }
              }
            }
            """).ShouldBe([
            "Fields \"owner\" conflict because subfields \"name\" conflict because \"name\" and \"pets\" are different fields. Use different aliases on the fields to fetch both if this was intentional. 3:5 3:13 4:5 5:7",
        ]);

    [Fact]
    public void differing_nullability_and_lists_conflict_even_on_exclusive_types() =>
        Check.Errors(Rule, """
            {
              pet {
                ... on Dog { name: nickname }
                ... on Cat { name }
              }
              human {
                pets { ... on Dog { n: name } }
                pets: name
              }
            }
            """).ShouldBe([
            "Fields \"name\" conflict because they return conflicting types \"String\" and \"String!\". Use different aliases on the fields to fetch both if this was intentional. 3:18 4:18",
            "Fields \"pets\" conflict because \"pets\" and \"name\" are different fields. Use different aliases on the fields to fetch both if this was intentional. 7:5 8:5",
        ]);

    [Fact]
    public void a_conflict_inside_an_inline_fragment_is_reported_once() =>
        Check.Errors(Rule, """
            {
              dog {
                ... on Dog {
                  x: name
                  x: nickname
                }
              }
            }
            """).ShouldBe([
            "Fields \"x\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases on the fields to fetch both if this was intentional. 4:7 5:7",
        ]);
}
