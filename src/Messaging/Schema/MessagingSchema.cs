using Cabinets.EventStore.Schema;

namespace Cabinets.Messaging.Schema;

/// <summary>The `msg` schema's migrations; pass it to <see cref="SchemaMigrator.MigrateAsync"/>.</summary>
public static class MessagingSchema
{
    public static SchemaModule Module { get; } = new("messaging", typeof(MessagingSchema).Assembly);

    /// <summary>The channel a commit that wrote outbox rows notifies, so dispatchers wake at once.</summary>
    internal const string NotifyChannel = "msg_outbox";
}
