using Cabinets.EventStore;
using Cabinets.Messaging.Commands;
using Cabinets.Messaging.Hosting;
using Cabinets.Messaging.Outbox;
using Cabinets.Messaging.Tests.Sample;
using Cabinets.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cabinets.Messaging.Tests.Outbox;

public sealed class DeliveryTests(DatabaseFixture db) : MessagingTestBase(db)
{
    [Fact]
    public async Task a_committed_command_s_message_reaches_its_receiver_with_a_stable_id_and_the_correlation()
    {
        var receiver = new Recorder(Clock);
        var dispatcher = new OutboxDispatcher(DataSource, NewRegistry().Handle<ReceiptSms>(receiver.HandleAsync), Clock);
        var deposits = new CommandPipeline<Deposit, Balance>(
            CommandHandler.For<Deposit, Balance>("account.deposit").OnStream(Account.Decider, Account.StreamOf), Runtime());

        await deposits.ExecuteAsync(new Deposit(NewAccountId(), 100, "13800138000", Clock.GetUtcNow()), Teller);
        (await dispatcher.RunOnceAsync()).ShouldBe(1);

        var (_, message, context) = receiver.Calls.ShouldHaveSingleItem();
        message.ShouldBe(new ReceiptSms("13800138000", 100));
        (context.MessageType, context.Destination, context.CorrelationId, context.Attempt)
            .ShouldBe((ReceiptSmsType, "sms", "corr-1", 1));
        context.IdempotencyKey.ShouldBe(context.MessageId.ToString());
    }

    [Fact]
    public async Task the_dispatcher_service_wakes_on_commit_without_waiting_for_its_poll()
    {
        var services = new ServiceCollection()
            .AddSingleton(DataSource)
            .AddSingleton(Store)
            .AddSingleton<Delivered>();
        services.AddMessaging(outbox => outbox.PollInterval = TimeSpan.FromHours(1))
            .AddMessage<ReceiptSms>(ReceiptSmsType, "sms", RetryPolicy.Vending)
            .AddHandler<ReceiptSms, SmsReceiver>()
            .AddValidator<Deposit, DepositValidator>()
            .AddCommand(CommandHandler.For<Deposit, Balance>("account.deposit").OnStream(Account.Decider, Account.StreamOf))
            .AddDispatcherService();
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ShouldHaveSingleItem();
        await hosted.StartAsync(CancellationToken.None);
        try
        {
            var result = await provider.GetRequiredService<CommandPipeline<Deposit, Balance>>()
                .ExecuteAsync(new Deposit(NewAccountId(), 7, "13900139000", DateTimeOffset.UtcNow), Teller);
            result.ShouldBeOfType<CommandResult<Balance>.Accepted>();

            // An hour's poll interval: only the commit's NOTIFY can deliver within the timeout.
            var delivered = await provider.GetRequiredService<Delivered>().First.Task.WaitAsync(TimeSpan.FromSeconds(30));
            delivered.Amount.ShouldBe(7);
        }
        finally
        {
            await hosted.StopAsync(CancellationToken.None);
        }
    }

    public sealed class Delivered
    {
        public TaskCompletionSource<ReceiptSms> First { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public sealed class SmsReceiver(Delivered delivered) : IMessageHandler<ReceiptSms>
    {
        public Task HandleAsync(ReceiptSms message, MessageContext context, CancellationToken ct)
        {
            delivered.First.TrySetResult(message);
            return Task.CompletedTask;
        }
    }
}
