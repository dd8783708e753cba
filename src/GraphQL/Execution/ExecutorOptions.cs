using Cabinets.GraphQL.Language;
using Cabinets.GraphQL.Validation;

namespace Cabinets.GraphQL.Execution;

/// <summary>Decides whether the caller may read a field that declares required permissions.</summary>
public delegate bool FieldAuthorizer(ResolveContext context);

/// <summary>Executor settings; the defaults are the limits of ADR-0008.</summary>
public sealed record ExecutorOptions
{
    public static ExecutorOptions Default { get; } = new();

    /// <summary>Token, nesting, field and alias limits applied while parsing.</summary>
    public ParserOptions Parser { get; init; } = ParserOptions.Default;

    /// <summary>Deepest allowed field nesting of an operation (introspection fields excepted).</summary>
    public int MaxDepth { get; init; } = 15;

    /// <summary>Highest allowed operation cost (field costs times list multipliers).</summary>
    public int MaxCost { get; init; } = 1_000;

    /// <summary>Whole-request time budget; on expiry resolvers are cancelled and a TIMEOUT error returned.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether <c>__schema</c> and <c>__type</c> may be queried (<c>__typename</c> always may).</summary>
    public bool EnableIntrospection { get; init; } = true;

    /// <summary>Show resolver exception messages (Development only); otherwise "Unexpected Execution Error".</summary>
    public bool IncludeExceptionDetails { get; init; }

    /// <summary>Rules run before execution; defaults to the spec's rules.</summary>
    public IReadOnlyList<IValidationRule> ValidationRules { get; init; } = SpecifiedRules.All;

    /// <summary>Validation stops after this many errors, adding "Too many validation errors" (graphql-js <c>maxErrors</c>).</summary>
    public int MaxValidationErrors { get; init; } = Validator.MaxErrors;

    /// <summary>How many parsed and validated documents to keep, by query text.</summary>
    public int DocumentCacheSize { get; init; } = 1_000;

    /// <summary>
    /// Longest time queued data loader keys wait for parked resolvers that are not (known to be)
    /// waiting on a loader before they are loaded anyway (ADR-0007).
    /// </summary>
    public TimeSpan LoaderStall { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Checks fields that declare required permissions; when null, such fields are denied.</summary>
    public FieldAuthorizer? Authorize { get; init; }
}
