using Cabinets.Domain.Lockers.Cabinets;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Cabinets.Projections.Lockers.FreeDoors;

/// <summary>
/// Cabinets, their doors and free-door counts by site, size and attribute (async; ADR-0014). A
/// daemon batch is first folded in memory to the last value per key (events arrive in sequence
/// order), then written set-wise, so thousands of events cost a handful of statements, queued on
/// Marten's unit of work so they commit with the projection's progress. Counts of banks
/// registered or moved in the batch are recomputed from their doors; door changes alone move
/// counts by delta.
/// </summary>
public sealed class FreeDoorProjection(string schema = FreeDoorTables.LiveSchema) : IProjection
{
    public const string ProjectionName = "free_doors";

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var command in Statements(schema, events)) operations.QueueSqlCommand(command.Sql, [.. command.Arguments]);
        return Task.CompletedTask;
    }

    /// <summary>The statements a batch of events turns into; also used by the shadow rebuild.</summary>
    public static ProjectionStatements Statements(string schema, IReadOnlyList<IEvent> events)
    {
        var batch = new ProjectionStatements();
        var fold = FreeDoorFold.Of(events);
        if (fold.Serials.Count == 0) return batch;
        // Banks registered or moved in this batch are recomputed; the others only had doors change.
        var faulted = fold.Faults.Keys.Select(k => k.Serial).ToHashSet(StringComparer.Ordinal);
        var recompute = fold.Serials.Where(s => fold.Cabinets.ContainsKey(s) || fold.RegisteredSerials.Contains(s) || faulted.Contains(s)).ToList();
        var reconciled = recompute.ToHashSet(StringComparer.Ordinal);
        FreeDoorSql.AddCabinetUpserts(batch, schema, fold);
        FreeDoorSql.AddDoorUpserts(batch, schema, fold);
        FreeDoorSql.AddCountDeltas(batch, schema, fold.Occupancy.Where(o => !reconciled.Contains(o.Key.Serial)).ToList());
        FreeDoorSql.AddOccupancyUpdates(batch, schema, fold);
        FreeDoorSql.AddFaultUpdates(batch, schema, fold);
        if (recompute.Count > 0) FreeDoorSql.AddCountRecompute(batch, schema, recompute);
        // Last: a kind's row exists once its bank's doors are counted, in this batch or an earlier one.
        FreeDoorSql.AddPromiseDeltas(batch, schema, fold);
        return batch;
    }
}
