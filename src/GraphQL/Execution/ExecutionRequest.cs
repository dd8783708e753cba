using System.Text.Json;

namespace Cabinets.GraphQL.Execution;

/// <summary>One GraphQL request: the document text, which operation, its variables and the caller.</summary>
public sealed record ExecutionRequest
{
    public required string Query { get; init; }

    public string? OperationName { get; init; }

    /// <summary>Variables already as CLR values (string, bool, numbers, lists, dictionaries).</summary>
    public IReadOnlyDictionary<string, object?>? Variables { get; init; }

    /// <summary>Variables as the request's JSON object; used when <see cref="Variables"/> is null.</summary>
    public JsonElement? VariablesJson { get; init; }

    /// <summary>The application's per-request object (caller, services); resolvers read it as <c>UserContext</c>.</summary>
    public object? Context { get; init; }

    /// <summary>The parent value of root fields.</summary>
    public object? RootValue { get; init; }

    public CancellationToken CancellationToken { get; init; }
}
