using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.8.2 Variables Are Input Types; expected errors are graphql-js's for the same document.</summary>
public sealed class VariablesAreInputTypesRuleTests
{
    private static readonly IValidationRule Rule = new VariablesAreInputTypesRule();

    [Fact]
    public void scalars_enums_and_input_objects_are_valid() =>
        Check.Errors(Rule, """
            query takesBoolean($atOtherHomes: Boolean) { dog { isHouseTrained(atOtherHomes: $atOtherHomes) } }
            query takesComplexInput($complexInput: ComplexInput) { findDog(complex: $complexInput) { name } }
            query TakesListOfBooleanBang($booleans: [Boolean!]) { booleanList(booleanListArg: $booleans) }
            """).ShouldBeEmpty();

    [Fact]
    public void output_types_are_invalid() =>
        Check.Errors(Rule, """
            query takesCat($cat: Cat) { dog { name } }
            query takesDogBang($dog: Dog!) { dog { name } }
            query takesListOfPet($pets: [Pet]) { dog { name } }
            query takesCatOrDog($catOrDog: CatOrDog) { dog { name } }
            """).ShouldBe([
            "Variable \"$cat\" cannot be non-input type \"Cat\". 1:22",
            "Variable \"$dog\" cannot be non-input type \"Dog!\". 2:26",
            "Variable \"$pets\" cannot be non-input type \"[Pet]\". 3:29",
            "Variable \"$catOrDog\" cannot be non-input type \"CatOrDog\". 4:32",
        ]);
}
