using Cabinets.EventStore;
using Cabinets.EventStore.Events;
using Cabinets.EventStore.Schema;
using Cabinets.Messaging.Commands;
using Cabinets.Messaging.Outbox;
using Cabinets.Messaging.Schema;
using Cabinets.Messaging.Tests.Sample;
using Cabinets.Testing;
using Npgsql;

namespace Cabinets.Messaging.Tests;

/// <summary>A migrated store and outbox on this class's own database, with a hand-moved clock.</summary>
public abstract class MessagingTestBase(DatabaseFixture db) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    protected const string ReceiptSmsType = "test.receipt_sms.v1";
    protected static readonly CommandContext Teller = new(new Actor("teller-7", "admin", "test"), CorrelationId: "corr-1");

    protected string ConnectionString => db.ConnectionString;
    protected NpgsqlDataSource DataSource { get; private set; } = null!;
    protected PostgresEventStore Store { get; private set; } = null!;
    protected ManualClock Clock { get; } = new();
    protected MessageRegistry Messages { get; private set; } = null!;
    protected OutboxWriter Outbox { get; private set; } = null!;
    protected OutboxAdmin Admin { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        DataSource = EventStoreDataSource.Create(db.ConnectionString);
        await SchemaMigrator.MigrateAsync(DataSource, [MessagingSchema.Module]);
        Store = new PostgresEventStore(DataSource, new EventTypeRegistry()
            .Register<Deposited>("test.deposited")
            .Register<Withdrawn>("test.withdrawn")
            .Register<WelcomeGranted>("test.welcome_granted"));
        Messages = NewRegistry();
        Outbox = new OutboxWriter(DataSource, Messages, Clock);
        Admin = new OutboxAdmin(DataSource, Clock);
        // Tests of one class share its database and run one after another: start each from an empty outbox.
        await ScalarAsync("with d as (delete from msg.outbox returning 1) select count(*) from d");
    }

    public virtual async Task DisposeAsync() => await DataSource.DisposeAsync();

    protected static MessageRegistry NewRegistry(RetryPolicy? retry = null) =>
        new MessageRegistry().Register<ReceiptSms>(ReceiptSmsType, "sms", retry);

    protected CommandRuntime Runtime(int maxAttempts = 5) =>
        new(Store, Outbox, new CommandOptions { MaxAttempts = maxAttempts });

    protected static string NewAccountId() => Guid.NewGuid().ToString("N")[..12];

    protected async Task<long> ScalarAsync(string sql, params object[] args)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(new() { Value = a });
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected Task<long> OutboxCountAsync() => ScalarAsync("select count(*) from msg.outbox");
}
