using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>graphql-js's recommended introspection depth limit; expected errors are graphql-js's for the same document.</summary>
public sealed class MaxIntrospectionDepthRuleTests
{
    private static readonly IValidationRule Rule = new MaxIntrospectionDepthRule();

    [Fact]
    public void a_normal_introspection_query_is_valid() =>
        Check.Errors(Rule, "{ __schema { types { fields { type { ofType { ofType { name } } } } } } }").ShouldBeEmpty();

    [Fact]
    public void lists_nested_three_deep_are_invalid() =>
        Check.Errors(Rule, """
            {
              __schema {
                types { fields { type { fields { type { fields { name } } } } } }
              }
            }
            """).ShouldBe([
            "Maximum introspection depth exceeded 2:3",
        ]);

    [Fact]
    public void depth_is_counted_through_fragments() =>
        Check.Errors(Rule, """
            { __type(name: "Dog") { ...F } }
            fragment F on __Type { interfaces { fields { type { possibleTypes { name } } } } }
            """).ShouldBe([
            "Maximum introspection depth exceeded 1:3",
        ]);
}
