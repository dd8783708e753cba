using Cabinets.EventStore.Appending;
using Cabinets.EventStore.Events;
using Cabinets.EventStore.Projections;
using Cabinets.EventStore.Reading;
using Npgsql;

namespace Cabinets.EventStore;

/// <summary>
/// The event store on PostgreSQL (Marten's job, ADR-0001): sessions to append, reads by stream,
/// position and type, aggregation as of a version or a time, snapshots and archiving.
/// </summary>
public sealed partial class PostgresEventStore(NpgsqlDataSource dataSource, EventTypeRegistry types, IEnumerable<IProjection>? projections = null)
{
    public NpgsqlDataSource DataSource { get; } = dataSource;
    public EventTypeRegistry Types { get; } = types;
    public IReadOnlyList<IProjection> InlineProjections { get; } =
        (projections ?? []).Where(p => p.Lifecycle == ProjectionLifecycle.Inline).ToList();

    /// <summary>Group commit of single-stream appends (ADR-0012); tests may give it other limits.</summary>
    internal AppendCombiner Combiner { get; init; } = new(dataSource);

    public EventSession OpenSession(EventMetadata metadata) => new(this, metadata);

    /// <summary>Convenience for a single-stream append in its own transaction.</summary>
    public Task<AppendResult> AppendAsync(string streamId, string streamType, ExpectedVersion expected, EventMetadata metadata,
        IEnumerable<object> events, CancellationToken ct = default) =>
        OpenSession(metadata).Append(streamId, streamType, expected, events).SaveChangesAsync(ct);

    /// <summary>The first outcome recorded for <paramref name="commandId"/> (JSON), or null when it never ran.</summary>
    public async Task<string?> CommandOutcomeAsync(string commandId, CancellationToken ct = default)
    {
        await using var cmd = DataSource.CreateCommand("select outcome::text from es.commands where command_id = $1");
        cmd.Parameters.Add(new() { Value = commandId });
        return (string?)await cmd.ExecuteScalarAsync(ct);
    }

    public async Task<StreamState?> StreamStateAsync(string streamId, CancellationToken ct = default)
    {
        await using var cmd = DataSource.CreateCommand("select type, version, archived, created_at, updated_at from es.streams where id = $1");
        cmd.Parameters.Add(new() { Value = streamId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new StreamState(streamId, r.GetString(0), r.GetInt64(1), r.GetBoolean(2),
            new DateTimeOffset(r.GetDateTime(3), TimeSpan.Zero), new DateTimeOffset(r.GetDateTime(4), TimeSpan.Zero));
    }

    /// <summary>Archives a stream: its history stays readable; appends are refused with <see cref="AppendResult.StreamArchived"/>.</summary>
    public async Task<bool> ArchiveStreamAsync(string streamId, CancellationToken ct = default)
    {
        await using var cmd = DataSource.CreateCommand("update es.streams set archived = true, updated_at = now() where id = $1");
        cmd.Parameters.Add(new() { Value = streamId });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }
}

public sealed record StreamState(string StreamId, string StreamType, long Version, bool Archived, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
