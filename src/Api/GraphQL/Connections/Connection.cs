namespace Cabinets.Api.GraphQL.Connections;

/// <summary>A Relay edge: the node and the opaque cursor of its row.</summary>
internal sealed record Edge<TNode>(string Cursor, TNode Node);

/// <summary>Relay's <c>PageInfo</c>; cursors are null when the page is empty.</summary>
internal sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

/// <summary>One page of a list. totalCount is known when the page's statement counted, otherwise counted once on first use.</summary>
internal sealed class Connection<TNode>(IReadOnlyList<Edge<TNode>> edges, PageInfo pageInfo, int? totalCount, Func<CancellationToken, Task<int>> count)
{
    private readonly Lock _lock = new();
    private Task<int>? _count = totalCount is { } known ? Task.FromResult(known) : null;

    public IReadOnlyList<Edge<TNode>> Edges { get; } = edges;

    public IReadOnlyList<TNode> Nodes { get; } = edges.Select(e => e.Node).ToArray();

    public PageInfo PageInfo { get; } = pageInfo;

    public Task<int> TotalCountAsync(CancellationToken ct)
    {
        lock (_lock) return _count ??= count(ct);
    }
}
