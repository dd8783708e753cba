using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Cabinets.Api.Tests.Platform;

/// <summary>
/// An async projection that writes one row per event it is given, with no unique key: a skipped
/// event shows as a missing row, a doubled one as two.
/// </summary>
public sealed class EventRecorderProjection : IProjection
{
    public const string Name = "event_recorder";

    public static Table Table()
    {
        var t = new Table(new PostgresqlObjectName("public", "recorded_events", SchemaUtils.IdentifierUsage.General));
        t.AddColumn("seq_id", "bigint").NotNull();
        return t;
    }

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        operations.QueueSqlCommand("insert into public.recorded_events (seq_id) select unnest(?::bigint[])", events.Select(e => e.Sequence).ToArray());
        return Task.CompletedTask;
    }
}
