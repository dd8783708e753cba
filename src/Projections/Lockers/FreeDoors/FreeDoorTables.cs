using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Cabinets.Projections.Lockers.FreeDoors;

/// <summary>
/// The free-door model's flat tables, as Weasel definitions that Marten creates and migrates at
/// start with its own (`ApplyAllDatabaseChangesOnStartup`). Parameterised by schema so a rebuild
/// can fill a shadow copy while the live one serves (ADR-0014).
/// </summary>
public static class FreeDoorTables
{
    /// <summary>The live read-model schema.</summary>
    public const string LiveSchema = "rm";

    public static IReadOnlyList<ISchemaObject> For(string schema) => [Cabinets(schema), Doors(schema), Counts(schema)];

    private static Table Cabinets(string schema)
    {
        var t = new Table(new PostgresqlObjectName(schema, "cabinets", SchemaUtils.IdentifierUsage.General)) { PrimaryKeyName = "cabinets_pkey" };
        t.AddColumn("serial_number", "text").AsPrimaryKey();
        t.AddColumn("type", "text");
        foreach (var c in new[] { "province", "city", "area", "street", "place", "community_name" })
            t.AddColumn(c, "text").NotNull().DefaultValueByExpression("''");
        t.AddColumn("address_note", "text");
        t.AddColumn("provisioned", "boolean").NotNull().DefaultValueByExpression("false");
        t.AddColumn("registered", "boolean").NotNull().DefaultValueByExpression("false");
        t.AddColumn("updated_at", "timestamptz").NotNull();
        // GraphQL lists (ADR-0010): each index ends with the key every list order ends with, so a
        // page is one index range scan with no sort; locale C lets them serve `startsWith` too.
        t.Indexes.Add(new IndexDefinition("cabinets_site") { Columns = ["province", "city", "area", "street", "place", "serial_number"] });
        t.Indexes.Add(new IndexDefinition("cabinets_city") { Columns = ["city", "serial_number"] });
        t.Indexes.Add(new IndexDefinition("cabinets_updated_at") { Columns = ["updated_at", "serial_number"] });
        return t;
    }

    private static Table Doors(string schema)
    {
        var t = new Table(new PostgresqlObjectName(schema, "doors", SchemaUtils.IdentifierUsage.General)) { PrimaryKeyName = "doors_pkey" };
        t.AddColumn("serial_number", "text").AsPrimaryKey();
        t.AddColumn("door_number", "integer").AsPrimaryKey();
        t.AddColumn("cabinet_index", "integer").NotNull();
        t.AddColumn("size", "text").NotNull();
        t.AddColumn("insulated", "boolean").NotNull();
        t.AddColumn("vertical", "boolean").NotNull();
        t.AddColumn("occupied", "boolean").NotNull().DefaultValueByExpression("false");
        t.AddColumn("usable", "boolean").NotNull().DefaultValueByExpression("true");
        t.AddColumn("fault", "text"); // null in service, FAULTED or AWAITING_REPAIR_CONFIRMATION (DoorFaultCodes)
        t.AddColumn("updated_at", "timestamptz").NotNull();
        // Faulted doors are few: a partial index finds them without indexing `occupied`, which
        // changes on every parcel and would otherwise stop HOT updates of door rows.
        t.Indexes.Add(new IndexDefinition("doors_unusable") { Columns = ["serial_number", "door_number"], Predicate = "not usable" });
        return t;
    }

    /// <summary>One row per bank and door kind; `count_locker_num` sums over any prefix of the site.</summary>
    private static Table Counts(string schema)
    {
        var t = new Table(new PostgresqlObjectName(schema, "free_door_counts", SchemaUtils.IdentifierUsage.General)) { PrimaryKeyName = "free_door_counts_pkey" };
        t.AddColumn("serial_number", "text").AsPrimaryKey();
        t.AddColumn("size", "text").AsPrimaryKey();
        t.AddColumn("insulated", "boolean").AsPrimaryKey();
        t.AddColumn("vertical", "boolean").AsPrimaryKey();
        foreach (var c in new[] { "province", "city", "area", "street", "place" }) t.AddColumn(c, "text").NotNull();
        t.AddColumn("free", "integer").NotNull();
        // Capacity promised to bookings not yet deposited: what partners may book is free − promised (ADR-0021).
        t.AddColumn("promised", "integer").NotNull().DefaultValueByExpression("0");
        t.Indexes.Add(new IndexDefinition("free_door_counts_site") { Columns = ["province", "city", "area", "street", "place"] });
        return t;
    }
}
