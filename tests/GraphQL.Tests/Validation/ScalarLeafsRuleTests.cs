using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.3.3 Leaf Field Selections; expected errors are graphql-js's for the same document.</summary>
public sealed class ScalarLeafsRuleTests
{
    private static readonly IValidationRule Rule = new ScalarLeafsRule();

    [Fact]
    public void a_scalar_without_selection_is_valid() =>
        Check.Errors(Rule, "fragment scalarSelection on Dog { barkVolume }").ShouldBeEmpty();

    [Fact]
    public void a_selection_on_a_scalar_is_invalid() =>
        Check.Errors(Rule, """
            fragment scalarSelectionsNotAllowedOnInt on Dog {
              barkVolume {
                sinceWhen
              }
            }
            """).ShouldBe([
            "Field \"barkVolume\" must not have a selection since type \"Int\" has no subfields. 2:14",
        ]);

    [Fact]
    public void objects_interfaces_and_unions_need_a_selection() =>
        Check.Errors(Rule, """
            query directQueryOnObjectWithoutSubFields {
              human
            }

            query directQueryOnInterfaceWithoutSubFields {
              pet
            }

            query directQueryOnUnionWithoutSubFields {
              catOrDog
            }
            """).ShouldBe([
            "Field \"human\" of type \"Human\" must have a selection of subfields. Did you mean \"human { ... }\"? 2:3",
            "Field \"pet\" of type \"Pet\" must have a selection of subfields. Did you mean \"pet { ... }\"? 6:3",
            "Field \"catOrDog\" of type \"CatOrDog\" must have a selection of subfields. Did you mean \"catOrDog { ... }\"? 10:3",
        ]);

    [Fact]
    public void a_selection_on_an_enum_or_list_of_scalars_is_invalid() =>
        Check.Errors(Rule, """
            {
              dog { doesKnowCommand(dogCommand: SIT) { a } }
              arguments { booleanListArgField(booleanListArg: []) { b } }
            }
            """).ShouldBe([
            "Field \"doesKnowCommand\" must not have a selection since type \"Boolean!\" has no subfields. 2:42",
            "Field \"booleanListArgField\" must not have a selection since type \"[Boolean]\" has no subfields. 3:55",
        ]);
}
