using Cabinets.Domain.Vending;
using JasperFx.Events;
using Marten;

namespace Cabinets.Vending.Push;

/// <summary>
/// Vending events read back by their stored name. Marten 9.58's `QueryRawEventDataOnly&lt;T&gt;()`
/// filters on its default alias (`type = 'door_opened'`), not on the name `MapEventType` gave the
/// type (`vending.door_opened.v1`, ADR-0014), so it finds nothing here; this filters on the name
/// the Api stores (the `{name}.v{version}` of StoredEventNames, which is internal to the Api).
/// </summary>
internal static class StoredEvents
{
    public static string NameOf<T>()
    {
        var (_, name, version) = VendingEventNames.All.Single(e => e.Type == typeof(T));
        return $"{name}.v{version}";
    }

    public static Task<int> CountAsync<T>(IQuerySession query, CancellationToken ct)
    {
        var name = NameOf<T>();
        return query.Events.QueryAllRawEvents().Where(e => e.EventTypeName == name).CountAsync(ct);
    }

    public static async Task<IReadOnlyList<T>> AllAsync<T>(IQuerySession query, CancellationToken ct)
    {
        var name = NameOf<T>();
        IReadOnlyList<IEvent> events = await query.Events.QueryAllRawEvents().Where(e => e.EventTypeName == name).ToListAsync(ct);
        return events.Select(e => (T)e.Data).ToList();
    }
}
