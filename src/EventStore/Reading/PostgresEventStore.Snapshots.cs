using System.Text.Json;
using Cabinets.EventStore.Events;

namespace Cabinets.EventStore;

/// <summary>Optional snapshots for long streams: the newest state per stream, keyed by its CLR-free state name.</summary>
public sealed partial class PostgresEventStore
{
    public async Task SaveSnapshotAsync<TState>(string streamId, long version, TState state, CancellationToken ct = default)
    {
        await using var cmd = DataSource.CreateCommand("""
            insert into es.snapshots (stream_id, version, type, data) values ($1, $2, $3, $4::jsonb)
            on conflict (stream_id) do update set version = excluded.version, type = excluded.type, data = excluded.data, created_at = now()
             where es.snapshots.version < excluded.version
            """);
        cmd.Parameters.Add(new() { Value = streamId });
        cmd.Parameters.Add(new() { Value = version });
        cmd.Parameters.Add(new() { Value = typeof(TState).Name });
        cmd.Parameters.Add(new() { Value = JsonSerializer.Serialize(state, EventTypeRegistry.JsonOptions) });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<(TState State, long Version)?> LoadSnapshotAsync<TState>(string streamId, CancellationToken ct)
    {
        await using var cmd = DataSource.CreateCommand("select version, data::text from es.snapshots where stream_id = $1 and type = $2");
        cmd.Parameters.Add(new() { Value = streamId });
        cmd.Parameters.Add(new() { Value = typeof(TState).Name });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return (JsonSerializer.Deserialize<TState>(r.GetString(1), EventTypeRegistry.JsonOptions)!, r.GetInt64(0));
    }
}
