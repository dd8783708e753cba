using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.EventStore.Events;
using Cabinets.EventStore.Projections;
using Npgsql;

namespace Cabinets.Projections.Lockers.FreeDoors;

/// <summary>
/// Cabinets, their doors and free-door counts by site, size and attribute. A batch is first folded
/// in memory to the last value per key (events arrive in stream order), then written set-wise, so
/// a daemon batch of thousands of events costs a handful of statements. Counts of banks registered
/// or moved in the batch are recomputed from their doors; door changes alone move counts by delta.
/// </summary>
public sealed class FreeDoorProjection(ProjectionLifecycle lifecycle = ProjectionLifecycle.Async) : IProjection
{
    public const string ProjectionName = "free_doors";
    private static readonly string TablesSql = EmbeddedSql.Read(typeof(FreeDoorProjection), "free_doors.sql");

    public string Name => ProjectionName;
    public ProjectionLifecycle Lifecycle => lifecycle;
    public IReadOnlyCollection<string> EventTypes { get; } = CabinetEventNames.All.Select(e => e.Name).ToHashSet();

    public string CreateTablesSql(string schema) => TablesSql.Replace("{schema}", schema, StringComparison.Ordinal);

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        var fold = FreeDoorFold.Of(events);
        if (fold.Serials.Count == 0) return;
        // Banks registered or moved in this batch are recomputed; the others only had doors change.
        var recompute = fold.Serials.Where(s => fold.Cabinets.ContainsKey(s) || fold.RegisteredSerials.Contains(s)).ToList();
        var reconciled = recompute.ToHashSet(StringComparer.Ordinal);
        await using var batch = new NpgsqlBatch(context.Connection, context.Transaction);
        FreeDoorSql.AddCabinetUpserts(batch, context.Schema, fold);
        FreeDoorSql.AddDoorUpserts(batch, context.Schema, fold);
        FreeDoorSql.AddCountDeltas(batch, context.Schema, fold.Occupancy.Where(o => !reconciled.Contains(o.Key.Serial)).ToList());
        FreeDoorSql.AddOccupancyUpdates(batch, context.Schema, fold);
        if (recompute.Count > 0) FreeDoorSql.AddCountRecompute(batch, context.Schema, recompute);
        await batch.ExecuteNonQueryAsync(ct);
    }
}
