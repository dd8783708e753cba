namespace Cabinets.GraphQL.Execution;

/// <summary>
/// An object (with <see cref="Keys"/>) or list in the response tree. Slots are preallocated in
/// selection order, so the response is ordered as the query no matter when resolvers finish.
/// The parent link lets a null bubble up to the nearest nullable slot (spec 6.4.4).
/// </summary>
internal sealed class ResultNode(string[]? keys, int count, ResultNode? parent, int parentIndex, bool nonNullInParent)
{
    public string[]? Keys { get; } = keys;

    public object?[] Values { get; } = new object?[count];

    public ResultNode? Parent { get; } = parent;

    public int ParentIndex { get; } = parentIndex;

    /// <summary>Whether the slot holding this node has a non-null type.</summary>
    public bool NonNullInParent { get; } = nonNullInParent;

    public bool IsNulled { get; private set; }

    /// <summary>Sets a slot to null; if the slot is non-null, nulls this node instead, and so on upwards.</summary>
    public void SetNull(int index, bool slotIsNonNull)
    {
        if (!slotIsNonNull)
        {
            Values[index] = null;
            return;
        }

        IsNulled = true;
        Parent?.SetNull(ParentIndex, NonNullInParent);
    }
}
