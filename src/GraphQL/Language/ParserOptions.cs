namespace Cabinets.GraphQL.Language;

/// <summary>
/// Limits that stop a hostile document before it costs memory or time (ADR-0008). Breaking one
/// raises a <see cref="SyntaxError"/> whose code names the limit.
/// </summary>
public sealed record ParserOptions
{
    public static ParserOptions Default { get; } = new();

    /// <summary>Maximum number of lexical tokens (comments and commas excluded).</summary>
    public int MaxTokens { get; init; } = 15_000;

    /// <summary>Maximum nesting of selection sets, list/object values and list types.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Maximum number of field selections in the document (fragments counted once).</summary>
    public int MaxFields { get; init; } = 2_000;

    /// <summary>Maximum number of aliased field selections in the document.</summary>
    public int MaxAliases { get; init; } = 200;

    /// <summary>Limits off: for trusted input such as SDL written in code.</summary>
    public static ParserOptions Unlimited { get; } = new()
    {
        MaxTokens = int.MaxValue,
        MaxDepth = 1_000,
        MaxFields = int.MaxValue,
        MaxAliases = int.MaxValue,
    };
}
