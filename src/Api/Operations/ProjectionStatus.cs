using Cabinets.Projections.Lockers.FreeDoors;
using Npgsql;

namespace Cabinets.Api.Operations;

public enum ProjectionState
{
    /// <summary>A node runs it.</summary>
    Running,

    /// <summary>No node runs it right now (starting up, or moving to another node).</summary>
    Stopped,

    /// <summary>Its shadow copy is being rebuilt; the live copy keeps serving.</summary>
    Rebuilding,
}

public sealed record ProjectionStatus(string Name, ProjectionState State, long Position, long LagEvents, string? OwnerNode,
    long? RebuildDone, long? RebuildTotal);

/// <summary>
/// Where each async projection stands: its Marten progress row against the high-water mark, and
/// the Wolverine node that holds its agent (ADR-0016). Lag here is what an operator alerts on.
/// </summary>
public sealed class ProjectionStatuses(NpgsqlDataSource db, ShadowRebuilds rebuilds)
{
    public static IReadOnlyList<string> AsyncProjections { get; } =
        [FreeDoorProjection.ProjectionName, Cabinets.Projections.Stations.OrderLines.StationOrderLinesProjection.ProjectionName,
            Cabinets.Projections.Vending.Statistics.VendingStatisticsProjection.ProjectionName];

    public async Task<IReadOnlyList<ProjectionStatus>> AllAsync(CancellationToken ct)
    {
        var positions = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var cmd = db.CreateCommand("select name, last_seq_id from mt_event_progression"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) positions[r.GetString(0)] = r.GetInt64(1);
        var highWater = positions.GetValueOrDefault("HighWaterMark");
        var owners = await OwnersAsync(ct);

        return AsyncProjections.Select(name =>
        {
            var position = positions.GetValueOrDefault($"{name}:All");
            var owner = owners.FirstOrDefault(o => o.Agent.Contains($"/{name}", StringComparison.OrdinalIgnoreCase)).Node;
            var rebuild = rebuilds.Progress(name);
            var state = rebuild is not null ? ProjectionState.Rebuilding : owner is not null ? ProjectionState.Running : ProjectionState.Stopped;
            return new ProjectionStatus(name, state, position, Math.Max(0, highWater - position), owner, rebuild?.Done, rebuild?.Total);
        }).ToList();
    }

    public async Task<ProjectionStatus?> OneAsync(string name, CancellationToken ct) =>
        (await AllAsync(ct)).FirstOrDefault(p => p.Name == name);

    private async Task<List<(string Agent, string Node)>> OwnersAsync(CancellationToken ct)
    {
        var owners = new List<(string, string)>();
        await using var cmd = db.CreateCommand("""
            select a.id, n.node_number::text || ' ' || coalesce(n.description, '')
              from wolverine_node_assignments a join wolverine_nodes n on n.id = a.node_id
            """);
        try
        {
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) owners.Add((r.GetString(0), r.GetString(1).Trim()));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // Solo durability keeps no node tables: nobody owns anything by assignment.
        }
        return owners;
    }
}
