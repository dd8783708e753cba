using Cabinets.EventStore.Events;
using Npgsql;

namespace Cabinets.EventStore.Projections;

public enum ProjectionLifecycle
{
    /// <summary>Runs in the append transaction: the read model is never behind its events.</summary>
    Inline,

    /// <summary>Runs in the async daemon, checkpointed in the same transaction as its rows.</summary>
    Async,
}

/// <summary>
/// A read model built from events into ordinary PostgreSQL tables. Its SQL names tables through
/// <see cref="ProjectionContext.Schema"/>, so that a rebuild can build into a shadow schema while the
/// live one keeps serving, then swap (ADR-0003).
/// </summary>
public interface IProjection
{
    /// <summary>Stable name: the checkpoint key and the shadow schema's suffix (lower_snake_case).</summary>
    string Name { get; }

    ProjectionLifecycle Lifecycle { get; }

    /// <summary>Stored event type names this projection reads; empty = every event.</summary>
    IReadOnlyCollection<string> EventTypes { get; }

    /// <summary>Idempotent DDL (`create table if not exists {schema}.…`, indexes) for the given schema.</summary>
    string CreateTablesSql(string schema);

    /// <summary>Applies events, in order, in the caller's transaction.</summary>
    Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken ct);
}

/// <summary>The connection, transaction and schema a projection writes to.</summary>
public sealed record ProjectionContext(NpgsqlConnection Connection, NpgsqlTransaction Transaction, string Schema)
{
    /// <summary>The live read-model schema; rebuilds use a shadow schema instead.</summary>
    public const string LiveSchema = "rm";

    public NpgsqlCommand Command(string sql) => new(sql, Connection, Transaction);
}
