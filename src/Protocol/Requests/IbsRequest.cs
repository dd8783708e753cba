namespace Cabinets.Protocol.Requests;

/// <summary>
/// A decoded, validated request: one sealed record per method of IBS-PROTOCOL.md §7. The family
/// is closed (constructors are assembly-private; only the copy constructor C# requires of a
/// record is protected), so a handler's <c>switch</c> over the 13 types covers every request.
/// </summary>
public abstract record IbsRequest
{
    private protected IbsRequest()
    {
    }

    /// <summary>The wire method name (<see cref="IbsMethods"/>).</summary>
    public abstract string Method { get; }
}

/// <summary>
/// Requests carry a batch (§4): every item has been validated, so a handler may apply all of them
/// or, on a business refusal, none.
/// </summary>
public abstract record IbsRequest<TItem> : IbsRequest
{
    private protected IbsRequest(IReadOnlyList<TItem> items)
    {
        Items = items;
    }

    public IReadOnlyList<TItem> Items { get; }
}
