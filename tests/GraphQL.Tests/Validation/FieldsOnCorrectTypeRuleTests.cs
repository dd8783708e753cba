using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.3.1 Field Selections; expected errors are graphql-js's for the same document.</summary>
public sealed class FieldsOnCorrectTypeRuleTests
{
    private static readonly IValidationRule Rule = new FieldsOnCorrectTypeRule();

    [Fact]
    public void fields_of_the_type_and_meta_fields_are_valid() =>
        Check.Errors(Rule, """
            fragment interfaceFieldSelection on Pet { name __typename }
            fragment inDirectFieldSelectionOnUnion on CatOrDog {
              __typename
              ... on Pet { name }
              ... on Dog { barkVolume }
            }
            { __schema { queryType { name } } __type(name: "Dog") { name } }
            """).ShouldBeEmpty();

    [Fact]
    public void undefined_fields_are_invalid() =>
        Check.Errors(Rule, """
            fragment fieldNotDefined on Dog {
              meowVolume
            }

            fragment aliasedLyingFieldTargetNotDefined on Dog {
              barkVolume: kawVolume
            }
            """).ShouldBe([
            "Cannot query field \"meowVolume\" on type \"Dog\". Did you mean \"barkVolume\"? 2:3",
            "Cannot query field \"kawVolume\" on type \"Dog\". Did you mean \"barkVolume\"? 6:3",
        ]);

    [Fact]
    public void a_field_of_implementors_only_is_invalid_on_the_interface() =>
        Check.Errors(Rule, """
            fragment definedOnImplementorsButNotInterface on Pet {
              nickname
            }
            """).ShouldBe([
            "Cannot query field \"nickname\" on type \"Pet\". Did you mean to use an inline fragment on \"Cat\" or \"Dog\"? 2:3",
        ]);

    [Fact]
    public void fields_cannot_be_selected_directly_on_a_union() =>
        Check.Errors(Rule, """
            fragment directFieldSelectionOnUnion on CatOrDog {
              name
              barkVolume
            }
            """).ShouldBe([
            "Cannot query field \"name\" on type \"CatOrDog\". Did you mean to use an inline fragment on \"Pet\", \"Cat\", or \"Dog\"? 2:3",
            "Cannot query field \"barkVolume\" on type \"CatOrDog\". Did you mean to use an inline fragment on \"Dog\"? 3:3",
        ]);

    [Fact]
    public void misspelt_fields_get_suggestions() =>
        Check.Errors(Rule, """
            {
              dog { nam nickName barkvolume }
              human { nmae }
            }
            """).ShouldBe([
            "Cannot query field \"nam\" on type \"Dog\". Did you mean \"name\"? 2:9",
            "Cannot query field \"nickName\" on type \"Dog\". Did you mean \"nickname\" or \"name\"? 2:13",
            "Cannot query field \"barkvolume\" on type \"Dog\". Did you mean \"barkVolume\"? 2:22",
            "Cannot query field \"nmae\" on type \"Human\". Did you mean \"name\"? 3:11",
        ]);

    [Fact]
    public void schema_meta_fields_exist_only_on_the_query_root() =>
        Check.Errors(Rule, "{ dog { __schema { types { name } } } }").ShouldBe([
            "Cannot query field \"__schema\" on type \"Dog\". 1:9",
        ]);
}
