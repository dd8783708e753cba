using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.5.1.1 Fragment Name Uniqueness; expected errors are graphql-js's for the same document.</summary>
public sealed class UniqueFragmentNamesRuleTests
{
    private static readonly IValidationRule Rule = new UniqueFragmentNamesRule();

    [Fact]
    public void distinct_fragment_names_are_valid() =>
        Check.Errors(Rule, """
            { dog { ...fragmentOne ...fragmentTwo } }
            fragment fragmentOne on Dog { name }
            fragment fragmentTwo on Dog { owner { name } }
            """).ShouldBeEmpty();

    [Fact]
    public void a_duplicated_fragment_name_is_invalid() =>
        Check.Errors(Rule, """
            {
              dog {
                ...fragmentOne
              }
            }

            fragment fragmentOne on Dog {
              name
            }

            fragment fragmentOne on Dog {
              owner {
                name
              }
            }
            """).ShouldBe([
            "There can be only one fragment named \"fragmentOne\". 7:10 11:10",
        ]);

    [Fact]
    public void inline_fragments_are_not_named() =>
        Check.Errors(Rule, "{ dog { ... on Dog { name } ... on Dog { nickname } } }").ShouldBeEmpty();
}
