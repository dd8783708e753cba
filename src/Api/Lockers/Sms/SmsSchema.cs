using Cabinets.Api.GraphQL.Connections;
using Cabinets.Domain.Access;
using Cabinets.GraphQL.Types;

namespace Cabinets.Api.Lockers.Sms;

/// <summary>The SMS log in the admin schema (API-CONTRACT.md: `smsMessages`, recipient masked, never the code).</summary>
internal static class SmsSchema
{
    public static SchemaBuilder Add(SchemaBuilder schema) => schema
        .Enum<SmsStatus>("SmsStatus")
        .AddConnection(SmsMessageList.Table)
        .Query(q => q
            .Field("smsMessages", SmsMessageList.Table.ConnectionType() + "!", f => f
                .Description("Text messages with their delivery state, e.g. `where: {status: {eq: DEAD_LETTERED}}`; the text itself is never kept.")
                .RequirePermissions(Permissions.LockersRead)
                .UseConnection(SmsMessageList.Table)))
        .Object<SmsLogEntry>("SmsMessage", t => t
            .Description("One SMS: its template, the masked recipient and how its delivery went.")
            .Field("smsId", "String!", m => m.SmsId)
            .Field("recordNumber", "String", m => m.RecordNumber)
            .Field("template", "String!", m => m.Template)
            .Field("recipient", "String", m => m.Recipient)
            .Field("status", "SmsStatus!", m => m.Status)
            .Field("attempts", "Int!", m => m.Attempts)
            .Field("queuedAt", "DateTime!", m => m.QueuedAt)
            .Field("sentAt", "DateTime", m => m.SentAt)
            .Field("lastError", "String", m => m.LastError));
}
