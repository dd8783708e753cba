using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.6.3 Input Object Field Uniqueness; expected errors are graphql-js's for the same document.</summary>
public sealed class UniqueInputFieldNamesRuleTests
{
    private static readonly IValidationRule Rule = new UniqueInputFieldNamesRule();

    [Fact]
    public void distinct_input_fields_are_valid() =>
        Check.Errors(Rule, """
            {
              findDog(complex: { name: "a", owner: "b" }) { name }
              a: findDog(searchBy: { name: "a" }, complex: { name: "b" }) { name }
            }
            """).ShouldBeEmpty();

    [Fact]
    public void a_duplicated_input_field_is_invalid() =>
        Check.Errors(Rule, """
            {
              findDog(complex: { name: "a", name: "b", owner: "c", name: "d" }) { name }
            }
            """).ShouldBe([
            "There can be only one input field named \"name\". 2:22 2:33",
            "There can be only one input field named \"name\". 2:22 2:56",
        ]);

    [Fact]
    public void nested_objects_have_their_own_names() =>
        Check.Errors(Rule, """
            {
              findDog(complex: { name: "a", owner: { name: "b", name: "c" } }) { name }
            }
            """).ShouldBe([
            "There can be only one input field named \"name\". 2:42 2:53",
        ]);
}
