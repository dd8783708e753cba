using Cabinets.Domain.Deciding;

namespace Cabinets.Domain.Vending.Catalog;

/// <summary>One item of an ERP product page as received: any field may be missing (§4.3).</summary>
public sealed record ErpItem(string? Code, string? Name, long? Price, string? Category, string? Status, DateTimeOffset? UpdatedAt);

/// <summary>One valid ERP item for the product stream `vending-product-{code}`.</summary>
public sealed record SyncProduct(string ProductCode, string Name, long Price, string Category, ProductStatus Status, DateTimeOffset ErpUpdatedAt, DateTimeOffset Now);

/// <summary>A pull's items sorted out: the valid ones (the last of each code wins) and the codes refused.</summary>
public sealed record ProductPull(IReadOnlyList<SyncProduct> Valid, IReadOnlyList<string> RejectedCodes, int Received);

/// <summary>
/// The catalog is the ERP's (VENDING.md §1.4, §2.11): a product changes only by a pull, and a pull
/// records `ProductSynced` only for a product that is new or whose name, price, category or status
/// changed (a repeat in the 5-minute overlap records nothing). Invalid items are skipped and listed.
/// </summary>
public static class ProductDecider
{
    public static Decider<SyncProduct, ProductState?, object> Instance { get; } = new(null, ProductState.Evolve, Decide);

    /// <summary>The overlap of §6.21: each pull asks for what changed since the last completed pull's start minus this.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    public static DateTimeOffset UpdatedSince(DateTimeOffset? lastCompletedStart) => lastCompletedStart is { } start ? start - Overlap : DateTimeOffset.UnixEpoch;

    public static Decision<object> Decide(SyncProduct c, ProductState? state)
    {
        if (state is not null && state.Name == c.Name && state.Price == c.Price && state.Category == c.Category && state.Status == c.Status)
            return Decision<object>.Accept();
        return Decision<object>.Accept(new ProductSynced(c.ProductCode, c.Name, c.Price, c.Category, c.Status, c.ErpUpdatedAt, state?.Price, c.Now));
    }

    public static ProductPull Sort(IReadOnlyList<ErpItem> items, DateTimeOffset now)
    {
        var valid = new Dictionary<string, SyncProduct>(StringComparer.Ordinal);
        var rejected = new List<string>();
        foreach (var item in items)
        {
            if (Read(item, now) is { } product)
            {
                valid.Remove(product.ProductCode); // a later page's version of the same product wins
                valid[product.ProductCode] = product;
            }
            else rejected.Add(item.Code ?? "");
        }
        return new ProductPull(valid.Values.ToList(), rejected, items.Count);
    }

    /// <summary>Null when the item cannot be a product: no usable code, no name, no or a negative price, an unknown status, no time.</summary>
    public static SyncProduct? Read(ErpItem item, DateTimeOffset now)
    {
        if (CatalogErrors.Code("code", item.Code) is not null || CatalogErrors.Text("name", item.Name, 100) is not null) return null;
        if (item.Price is not (>= 0) || item.UpdatedAt is null) return null;
        ProductStatus? status = item.Status?.Trim().ToUpperInvariant() switch
        {
            null or "ENABLED" => ProductStatus.Enabled,
            "DISABLED" => ProductStatus.Disabled,
            _ => null,
        };
        if (status is null) return null;
        return new SyncProduct(item.Code!, item.Name!.Trim(), item.Price.Value, item.Category?.Trim() ?? "", status.Value, item.UpdatedAt.Value, now);
    }
}
