using Cabinets.GraphQL.Validation;
using Cabinets.GraphQL.Validation.Rules;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>Spec 5.7.3 Directives Are Unique Per Location; expected errors are graphql-js's for the same document.</summary>
public sealed class UniqueDirectivesPerLocationRuleTests
{
    private static readonly IValidationRule Rule = new UniqueDirectivesPerLocationRule();

    [Fact]
    public void one_directive_per_location_is_valid() =>
        Check.Errors(Rule, """
            query ($foo: Boolean = true, $bar: Boolean = false) {
              dog @skip(if: $foo) {
                name
              }
              dog @skip(if: $bar) {
                nickname
              }
            }
            """).ShouldBeEmpty();

    [Fact]
    public void a_directive_repeated_at_one_location_is_invalid() =>
        Check.Errors(Rule, """
            query ($foo: Boolean = true, $bar: Boolean = false) {
              dog @skip(if: $foo) @skip(if: $bar) {
                name
              }
            }
            """).ShouldBe([
            "The directive \"@skip\" can only be used once at this location. 2:7 2:23",
        ]);

    [Fact]
    public void repeatable_directives_may_repeat() =>
        Check.Errors(Rule, """
            query @tag(name: "a") @tag(name: "b") {
              dog @tag(name: "c") @tag(name: "d") { name }
            }
            """).ShouldBeEmpty();

    [Fact]
    public void every_repetition_is_reported_against_the_first() =>
        Check.Errors(Rule, "{ dog @onField @onField @onField { name } }").ShouldBe([
            "The directive \"@onField\" can only be used once at this location. 1:7 1:16",
            "The directive \"@onField\" can only be used once at this location. 1:7 1:25",
        ]);

    [Fact]
    public void a_type_and_its_extensions_are_one_location_in_sdl() =>
        Check.Errors(Rule, """
            type Foo @onField { a: Int }
            extend type Foo @onField
            """).ShouldBe([
            "The directive \"@onField\" can only be used once at this location. 1:10 2:17",
        ]);
}
