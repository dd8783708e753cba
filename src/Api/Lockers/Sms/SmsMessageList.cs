using Cabinets.Api.GraphQL.Connections;

namespace Cabinets.Api.Lockers.Sms;

/// <summary>
/// <c>smsMessages(...)</c>: the SMS log as a connection (ADR-0010), filtered and sorted by record
/// number, template, status and queued time. The recipient is masked and the text is not there.
/// </summary>
internal static class SmsMessageList
{
    public static ConnectionTable<SmsLogEntry> Table { get; } = new(
        "SmsMessage", "SmsMessages", SmsLogTable.Name,
        [
            new("smsId", "sms_id", ColumnType.String),
            new("recordNumber", "record_number", ColumnType.String) { Nullable = true },
            new("template", "template", ColumnType.String),
            new("status", "status", ColumnType.Enum) { Enum = new EnumColumn("SmsStatus", v => SmsStatusCodes.Of((SmsStatus)v)) },
            new("attempts", "attempts", ColumnType.Int),
            new("queuedAt", "queued_at", ColumnType.DateTime),
            new("sentAt", "sent_at", ColumnType.DateTime) { Nullable = true },
        ],
        key: ["smsId"],
        SmsLog.Read)
    {
        NodeType = "SmsMessage",
        Select = ["sms_id", "record_number", "template", "recipient_masked", "status", "attempts", "last_error", "queued_at", "sent_at", "updated_at"],
    };
}
