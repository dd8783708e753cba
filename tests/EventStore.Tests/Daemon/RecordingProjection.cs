using Cabinets.EventStore.Events;
using Cabinets.EventStore.Projections;
using NpgsqlTypes;

namespace Cabinets.EventStore.Tests.Daemon;

/// <summary>
/// Records every event it applies as a row in apply order. The primary key on seq makes a
/// double apply fail (and so park the projection) instead of passing unnoticed.
/// </summary>
internal sealed class RecordingProjection(string name, ProjectionLifecycle lifecycle = ProjectionLifecycle.Async) : IProjection
{
    private volatile Func<StoredEvent, bool>? _failWhen;

    public string Name { get; } = name;

    public ProjectionLifecycle Lifecycle { get; } = lifecycle;

    public IReadOnlyCollection<string> EventTypes { get; init; } = [];

    /// <summary>Events for which the handler throws, like a bug would.</summary>
    public Func<StoredEvent, bool>? FailWhen { get => _failWhen; set => _failWhen = value; }

    /// <summary>Runs before each apply, inside its transaction (tests hold a batch or a rebuild phase with it).</summary>
    public Func<ProjectionContext, IReadOnlyList<StoredEvent>, CancellationToken, Task>? BeforeApply { get; set; }

    public string CreateTablesSql(string schema) => $"""
        create table if not exists {schema}.{Name} (
            seq        bigint primary key,
            tx_id      xid8 not null,
            stream_id  text not null,
            version    bigint not null,
            applied    bigint generated always as identity,
            unique (stream_id, version));
        """;

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        if (BeforeApply is { } before) await before(context, events, ct);
        var fail = FailWhen;
        foreach (var e in events)
            if (fail?.Invoke(e) == true) throw new InvalidOperationException($"cannot apply event {e.Sequence} of {e.StreamId}");

        await using var cmd = context.Command($"""
            insert into {context.Schema}.{Name} (seq, tx_id, stream_id, version)
            select u.seq, u.tx::xid8, u.stream_id, u.version
              from unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[]) with ordinality as u(seq, tx, stream_id, version, ord)
             order by u.ord
            """);
        cmd.Parameters.Add(new() { Value = events.Select(e => e.Sequence).ToArray() });
        cmd.Parameters.Add(new() { Value = events.Select(e => e.TransactionId.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray() });
        cmd.Parameters.Add(new() { Value = events.Select(e => e.StreamId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = events.Select(e => e.Version).ToArray() });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
