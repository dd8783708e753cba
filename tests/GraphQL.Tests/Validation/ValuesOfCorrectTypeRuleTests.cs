using Cabinets.GraphQL.Types;
using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.6.1 Values of Correct Type, 5.6.2 Input Object Field Names, 5.6.4 Input Object Required Fields; expected errors are graphql-js's for the same document.</summary>
public sealed class ValuesOfCorrectTypeRuleTests
{
    private static readonly IValidationRule Rule = new ValuesOfCorrectTypeRule();

    /// <summary>Nested input objects with a required field and a required field with a default.</summary>
    private static readonly Schema Schema1 = new SchemaBuilder()
        .Query(q => q.Field("findDog", "Dog", f => f.Argument("complex", "ComplexInput")))
        .Object("Dog", t => t.Field("name", "String"))
        .InputObject("ComplexInput", i => i.Field("name", "String").Field("required", "Boolean!").Field("deep", "Deep"))
        .InputObject("Deep", i => i.Field("a", "Int!").Field("b", "Int!", f => f.DefaultValue(1)))
        .Build();

    [Fact]
    public void coercible_literals_are_valid() =>
        Check.Errors(Rule, """
            fragment goodBooleanArg on Arguments { booleanArgField(booleanArg: true) }
            fragment coercedIntIntoFloatArg on Arguments {
              # Note: The input coercion rules for Float allow Int literals.
              floatArgField(floatArg: 123)
            }
            query goodComplexDefaultValue($search: ComplexInput = { name: "Fido" }) {
              findDog(complex: $search) { name }
            }
            fragment listCoercion on Arguments { booleanListArgField(booleanListArg: true) }
            """).ShouldBeEmpty();

    [Fact]
    public void non_coercible_literals_are_invalid() =>
        Check.Errors(Rule, """
            fragment stringIntoInt on Arguments {
              intArgField(intArg: "123")
            }

            query badComplexValue {
              findDog(complex: { name: 123 })
            }
            """).ShouldBe([
            "Int cannot represent non-integer value: \"123\" 2:23",
            "String cannot represent a non string value: 123 6:28",
        ]);

    [Fact]
    public void built_in_scalars_report_as_graphql_js_does() =>
        Check.Errors(Rule, """
            {
              arguments {
                intArgField(intArg: 2147483648)
                floatArgField(floatArg: true)
                booleanArgField(booleanArg: "true")
                a: intArgField(intArg: 1.5)
              }
              findPet(by: { id: 1.5 }) { name }
            }
            """).ShouldBe([
            "Int cannot represent non 32-bit signed integer value: 2147483648 3:25",
            "Float cannot represent non numeric value: true 4:29",
            "Boolean cannot represent a non boolean value: \"true\" 5:33",
            "Int cannot represent non-integer value: 1.5 6:28",
            "ID cannot represent a non-string and non-integer value: 1.5 8:21",
        ]);

    [Fact]
    public void enum_values_are_checked_with_suggestions() =>
        Check.Errors(Rule, """
            {
              dog {
                a: doesKnowCommand(dogCommand: sit)
                b: doesKnowCommand(dogCommand: "SIT")
                c: doesKnowCommand(dogCommand: SITT)
              }
            }
            """).ShouldBe([
            "Value \"sit\" does not exist in \"DogCommand\" enum. Did you mean the enum value \"SIT\"? 3:36",
            "Enum \"DogCommand\" cannot represent non-enum value: \"SIT\". Did you mean the enum value \"SIT\"? 4:36",
            "Value \"SITT\" does not exist in \"DogCommand\" enum. Did you mean the enum value \"SIT\"? 5:36",
        ]);

    [Fact]
    public void null_is_invalid_for_a_non_null_type() =>
        Check.Errors(Rule, """
            {
              arguments {
                nonNullBooleanArgField(nonNullBooleanArg: null)
                booleanListArgField(booleanListArg: null)
              }
            }
            """).ShouldBe([
            "Expected value of type \"Boolean!\", found null. 3:47",
            "Expected value of type \"[Boolean]!\", found null. 4:41",
        ]);

    [Fact]
    public void list_items_are_checked_against_the_item_type() =>
        Check.Errors(Rule, """
            {
              arguments {
                booleanListArgField(booleanListArg: [true, 1, null])
                nonNullBooleanArgField(nonNullBooleanArg: [true])
              }
            }
            """).ShouldBe([
            "Boolean cannot represent a non boolean value: 1 3:48",
            "Boolean cannot represent a non boolean value: [true] 4:47",
        ]);

    [Fact]
    public void undefined_input_fields_are_invalid() =>
        Check.Errors(Rule, """
            {
              findDog(complex: { favoriteCookieFlavor: "Bacon", nmae: "Rex" }) { name }
            }
            """).ShouldBe([
            "Field \"favoriteCookieFlavor\" is not defined by type \"ComplexInput\". 2:22",
            "Field \"nmae\" is not defined by type \"ComplexInput\". Did you mean \"name\"? 2:53",
        ]);

    [Fact]
    public void a_missing_required_input_field_is_invalid() =>
        Check.Errors(Rule, """
            query ($x: Boolean) {
              findDog(complex: { required: null }) { name }
            }
            """, Schema1).ShouldBe([
            "Expected value of type \"Boolean!\", found null. 2:32",
        ]);

    [Fact]
    public void a_missing_required_nested_input_field_is_invalid() =>
        Check.Errors(Rule, """
            {
              findDog(complex: { required: true, deep: {} }) { name }
            }
            """, Schema1).ShouldBe([
            "Field \"Deep.a\" of required type \"Int!\" was not provided. 2:44",
        ]);

    [Fact]
    public void a_oneof_input_needs_exactly_one_non_null_field() =>
        Check.Errors(Rule, """
            {
              a: findPet(by: { name: "Rex" }) { name }
              b: findPet(by: { name: "Rex", id: 1 }) { name }
              c: findPet(by: {}) { name }
              d: findPet(by: { id: null }) { name }
            }
            """).ShouldBe([
            "OneOf Input Object \"PetBy\" must specify exactly one key. 3:18",
            "OneOf Input Object \"PetBy\" must specify exactly one key. 4:18",
            "Field \"PetBy.id\" must be non-null. 5:18",
        ]);

    [Fact]
    public void an_object_where_a_scalar_is_expected_is_invalid() =>
        Check.Errors(Rule, """
            {
              findDog(complex: [{ name: "x" }], searchBy: "str") { name }
            }
            """).ShouldBe([
            "Expected value of type \"ComplexInput\", found [{name: \"x\"}]. 2:20",
            "Expected value of type \"FindDogInput\", found \"str\". 2:47",
        ]);
}
