using Cabinets.Domain.Deciding;

namespace Cabinets.Domain.Vending.Catalog;

public abstract record StoreCommand(string StoreCode, DateTimeOffset Now);

/// <summary>`registerStore` (VENDING.md §1.1); the Api fills in `Vending:DefaultAmountLimit` when the input leaves it out.</summary>
public sealed record RegisterStore(string StoreCode, string StoreName, StoreType StoreType, StoreProperty StoreProperty, string Address, string Phone,
    long AmountLimit, DateTimeOffset Now) : StoreCommand(StoreCode, Now);

/// <summary>`updateStore`: a null field is left as it is.</summary>
public sealed record UpdateStore(string StoreCode, string? StoreName, StoreType? StoreType, StoreProperty? StoreProperty, string? Address, string? Phone,
    long? AmountLimit, bool? Enabled, DateTimeOffset Now) : StoreCommand(StoreCode, Now);

/// <summary>
/// A store's rules (§1.1, §4.6): codes are unique and immutable, texts within their lengths, the
/// amount limit within 1..10,000,000 fen. An update records only what changed; the limit has its
/// own event because later pushes are judged by it (§6.12).
/// </summary>
public static class StoreDecider
{
    public const long MinAmountLimit = 1;
    public const long MaxAmountLimit = 10_000_000;

    public static Decider<StoreCommand, StoreState?, object> Instance { get; } = new(null, StoreState.Evolve, Decide);

    public static Decision<object> Decide(StoreCommand command, StoreState? state) => command switch
    {
        RegisterStore c => Register(c, state),
        UpdateStore c => Update(c, state),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unhandled store command"),
    };

    private static Decision<object> Register(RegisterStore c, StoreState? state)
    {
        var invalid = CatalogErrors.Code("storeCode", c.StoreCode) ?? CatalogErrors.Text("storeName", c.StoreName, 100)
            ?? CatalogErrors.Text("address", c.Address, 200) ?? CatalogErrors.Text("phone", c.Phone, 20) ?? Limit(c.AmountLimit)
            ?? Defined(c.StoreType, "storeType") ?? Defined(c.StoreProperty, "storeProperty");
        if (invalid is not null) return invalid;
        if (state is not null) return Decision<object>.Reject(CatalogErrors.DuplicateCode, $"store {c.StoreCode} already exists", "storeCode");
        return Decision<object>.Accept(new StoreRegistered(c.StoreCode, c.StoreName.Trim(), c.StoreType, c.StoreProperty, c.Address.Trim(), c.Phone.Trim(),
            c.AmountLimit, c.Now));
    }

    private static Decision<object> Update(UpdateStore c, StoreState? state)
    {
        var invalid = (c.StoreName is null ? null : CatalogErrors.Text("storeName", c.StoreName, 100))
            ?? (c.Address is null ? null : CatalogErrors.Text("address", c.Address, 200))
            ?? (c.Phone is null ? null : CatalogErrors.Text("phone", c.Phone, 20))
            ?? (c.AmountLimit is { } limit ? Limit(limit) : null)
            ?? (c.StoreType is { } type ? Defined(type, "storeType") : null)
            ?? (c.StoreProperty is { } property ? Defined(property, "storeProperty") : null);
        if (invalid is not null) return invalid;
        if (state is null) return Decision<object>.Reject(CatalogErrors.NotFound, $"no store {c.StoreCode}", "storeCode");

        var changed = new StoreUpdated(c.StoreCode,
            Changed(c.StoreName?.Trim(), state.StoreName), Changed(c.StoreType, state.StoreType), Changed(c.StoreProperty, state.StoreProperty),
            Changed(c.Address?.Trim(), state.Address), Changed(c.Phone?.Trim(), state.Phone), Changed(c.Enabled, state.Enabled), c.Now);
        var events = new List<object>();
        if (changed with { At = default } != new StoreUpdated(c.StoreCode, null, null, null, null, null, null, default)) events.Add(changed);
        if (c.AmountLimit is { } newLimit && newLimit != state.AmountLimit) events.Add(new StoreAmountLimitChanged(c.StoreCode, state.AmountLimit, newLimit, c.Now));
        return Decision<object>.Accept(events);
    }

    private static DomainError? Limit(long amountLimit) => amountLimit is < MinAmountLimit or > MaxAmountLimit
        ? CatalogErrors.Invalid("amountLimit", $"must be {MinAmountLimit} to {MaxAmountLimit} fen")
        : null;

    private static DomainError? Defined<T>(T value, string field) where T : struct, Enum =>
        Enum.IsDefined(value) ? null : CatalogErrors.Invalid(field, $"is not a {typeof(T).Name}");

    private static T? Changed<T>(T? wanted, T current) where T : class => wanted is not null && wanted != current ? wanted : null;

    private static T? Changed<T>(T? wanted, T current) where T : struct => wanted is { } w && !w.Equals(current) ? w : null;
}
