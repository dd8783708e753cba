using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Cabinets.Api.Lockers.Sms;

/// <summary>
/// `lockers.sms_messages`, the SMS log (ADR-0024): one row per SMS id, written by the handler on
/// every attempt. It holds the number masked and never the text, so it never holds a pickup code.
/// Created and migrated by Marten with its own tables (`ExtendedSchemaObjects`); not in `rm`,
/// which a free-door rebuild swaps whole (ADR-0016).
/// </summary>
public static class SmsLogTable
{
    public const string Name = "lockers.sms_messages";

    public static Table Definition()
    {
        var t = new Table(new PostgresqlObjectName("lockers", "sms_messages", SchemaUtils.IdentifierUsage.General)) { PrimaryKeyName = "sms_messages_pkey" };
        t.AddColumn("sms_id", "text").AsPrimaryKey();
        t.AddColumn("record_number", "text");
        t.AddColumn("template", "text").NotNull();
        t.AddColumn("recipient_masked", "text");
        t.AddColumn("status", "text").NotNull();
        t.AddColumn("attempts", "integer").NotNull().DefaultValueByExpression("0");
        t.AddColumn("last_error", "text");
        t.AddColumn("queued_at", "timestamptz").NotNull();
        t.AddColumn("sent_at", "timestamptz");
        t.AddColumn("updated_at", "timestamptz").NotNull();
        // The console's lists (ADR-0010): each index ends with the key every order ends with.
        t.Indexes.Add(new IndexDefinition("sms_messages_queued_at") { Columns = ["queued_at", "sms_id"] });
        t.Indexes.Add(new IndexDefinition("sms_messages_record_number") { Columns = ["record_number", "sms_id"] });
        t.Indexes.Add(new IndexDefinition("sms_messages_status") { Columns = ["status", "queued_at", "sms_id"] });
        return t;
    }
}
