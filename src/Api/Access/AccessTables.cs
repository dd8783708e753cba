using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Cabinets.Api.Access;

/// <summary>
/// The access module's own table beside the event store (schema `access`, created by Marten at
/// start): failed sign-ins. A failure changes no account (and may name no account at all), so it
/// is a row, not an event; every node counts the same rows (ADR-0026).
/// </summary>
internal static class AccessTables
{
    public static IEnumerable<ISchemaObject> All()
    {
        var failures = new Table(new PostgresqlObjectName("access", "login_failures", SchemaUtils.IdentifierUsage.General));
        failures.AddColumn("username", "text").NotNull();
        failures.AddColumn("at", "timestamptz").NotNull();
        failures.Indexes.Add(new IndexDefinition("login_failures_username_at") { Columns = ["username", "at"] });
        yield return failures;
    }
}
