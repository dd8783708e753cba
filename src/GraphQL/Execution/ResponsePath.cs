namespace Cabinets.GraphQL.Execution;

/// <summary>
/// A slot of the response tree; its path (<c>["cabinets", 0, "doors"]</c>) is read from the
/// tree's parent links only when needed (errors, <see cref="ResolveContext.Path"/>), so
/// executing a field allocates no path.
/// </summary>
internal readonly record struct ResponsePath(ResultNode Node, int Index)
{
    public IReadOnlyList<object> ToList()
    {
        var segments = new List<object>();
        var node = Node;
        var index = Index;
        while (node is not null)
        {
            segments.Add(node.Keys is { } keys ? keys[index] : index);
            index = node.ParentIndex;
            node = node.Parent!;
        }

        segments.Reverse();
        return segments;
    }

    public override string ToString() => string.Join('.', ToList());
}
