using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Cabinets.Api.Lockers.Parcels;

/// <summary>
/// The locker module's own tables beside the event store (schema `lockers`, created by Marten at
/// start): record numbers, the pickup-code hash key, and failed pickup attempts (kept out of the
/// event stream: a wrong code changes nothing, but every node must see the count).
/// </summary>
internal static class ParcelTables
{
    public static IEnumerable<ISchemaObject> All()
    {
        // 10 digits, unique system-wide (IBS-PROTOCOL.md §6).
        yield return new Sequence(new PostgresqlObjectName("lockers", "record_numbers", SchemaUtils.IdentifierUsage.General), 1000000001);

        var keys = new Table(new PostgresqlObjectName("lockers", "server_keys", SchemaUtils.IdentifierUsage.General)) { PrimaryKeyName = "server_keys_pkey" };
        keys.AddColumn("name", "text").AsPrimaryKey();
        keys.AddColumn("key", "bytea").NotNull();
        yield return keys;

        var failures = new Table(new PostgresqlObjectName("lockers", "pickup_failures", SchemaUtils.IdentifierUsage.General));
        failures.AddColumn("serial_number", "text").NotNull();
        failures.AddColumn("at", "timestamptz").NotNull();
        failures.Indexes.Add(new IndexDefinition("pickup_failures_serial_at") { Columns = ["serial_number", "at"] });
        yield return failures;
    }
}
