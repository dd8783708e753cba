using Cabinets.EventStore.Events;
using Cabinets.EventStore.Projections;

namespace Cabinets.EventStore.Bench;

/// <summary>Counts events per type: one upsert per batch, not one round trip per event.</summary>
internal sealed class CountingProjection : IProjection
{
    public string Name => "bench_event_counts";

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Async;

    public IReadOnlyCollection<string> EventTypes => [];

    public string CreateTablesSql(string schema) =>
        $"create table if not exists {schema}.{Name} (type text primary key, n bigint not null);";

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var e in events) counts[e.TypeName] = counts.GetValueOrDefault(e.TypeName) + 1;
        await Upsert(context, counts, ct);
    }

    internal async Task Upsert(ProjectionContext context, Dictionary<string, long> counts, CancellationToken ct)
    {
        await using var cmd = context.Command($"""
            insert into {context.Schema}.{Name} (type, n) select * from unnest($1::text[], $2::bigint[])
            on conflict (type) do update set n = {Name}.n + excluded.n
            """);
        cmd.Parameters.Add(new() { Value = counts.Keys.ToArray() });
        cmd.Parameters.Add(new() { Value = counts.Values.ToArray() });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
