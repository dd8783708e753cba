using System.Diagnostics;
using Cabinets.GraphQL.Language;
using Cabinets.GraphQL.Validation;

namespace Cabinets.GraphQL.Tests.Validation;

/// <summary>
/// Spec 5.3.2 by its naive definition is exponential in fragment depth; the memoized algorithm is
/// not, and a complexity budget cuts off what is quadratic by nature. Each document here is one
/// graphql-js 16 validates the same way (no errors, or "Validation aborted.").
/// </summary>
public sealed class OverlappingFieldsPerformanceTests
{
    [Fact]
    public void two_deep_chains_of_fragments_validate_in_well_under_a_second()
    {
        var parts = new List<string> { "{ human { ...L0 ...M0 } }" };
        foreach (var family in new[] { "L", "M" })
        {
            for (var i = 0; i < 300; i++)
            {
                parts.Add($"fragment {family}{i} on Human {{ name pets {{ ... on Dog {{ owner {{ ...{family}{i + 1} }} }} }} "
                    + $"pets {{ ... on Dog {{ owner {{ ...{family}{i + 1} name }} }} }} }}");
            }

            parts.Add($"fragment {family}300 on Human {{ name }}");
        }

        ValidateTimed(string.Join('\n', parts)).ShouldBeEmpty();
    }

    [Fact]
    public void a_fragment_diamond_thirty_levels_deep_is_not_expanded()
    {
        // Inlined, A0 and B0 would each hold 2^30 copies of the leaf fragments.
        var parts = new List<string> { "{ human { ...A0 ...B0 } }" };
        for (var i = 0; i < 30; i++)
        {
            foreach (var family in new[] { "A", "B" })
            {
                parts.Add($"fragment {family}{i} on Human {{ pets {{ ... on Dog {{ owner {{ ...A{i + 1} ...B{i + 1} }} }} }} }}");
            }
        }

        parts.Add("fragment A30 on Human { name }");
        parts.Add("fragment B30 on Human { name }");

        ValidateTimed(string.Join('\n', parts)).ShouldBeEmpty();
    }

    [Fact]
    public void a_quadratic_selection_set_is_cut_off_by_the_complexity_budget()
    {
        // 800 fields of one name are 319,600 pairs to compare: past the budget of 500,000 units.
        ValidateTimed("{ dog { " + string.Join(" ", Enumerable.Repeat("name", 800)) + " } }").ShouldBe(["Validation aborted."]);
    }

    private static IReadOnlyList<string> ValidateTimed(string query)
    {
        var document = Parser.Parse(query, ParserOptions.Unlimited);
        var stopwatch = Stopwatch.StartNew();
        var errors = Validator.Validate(ValidationTestSchema.Schema, document, SpecifiedRules.All);
        stopwatch.Stop();

        stopwatch.ElapsedMilliseconds.ShouldBeLessThan(1_000);
        return [.. errors.Select(Check.Describe)];
    }
}
