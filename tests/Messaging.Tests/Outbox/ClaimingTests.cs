using System.Collections.Concurrent;
using Cabinets.Domain.Deciding;
using Cabinets.Messaging.Outbox;
using Cabinets.Messaging.Tests.Sample;
using Cabinets.Testing;

namespace Cabinets.Messaging.Tests.Outbox;

public sealed class ClaimingTests(DatabaseFixture db) : MessagingTestBase(db)
{
    private static readonly OutboxOptions Options = new() { ClaimLease = TimeSpan.FromMinutes(2), HandlerTimeout = TimeSpan.FromMinutes(1) };

    [Fact]
    public async Task a_message_claimed_by_a_dispatcher_that_dies_is_redelivered_by_another_after_the_lease()
    {
        var id = (await Outbox.EnqueueAsync([new OutgoingMessage(new ReceiptSms("13800138000", 100))])).Single();
        var reachedReceiver = new TaskCompletionSource<MessageContext>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var crash = new CancellationTokenSource();
        // Dispatcher A hands the message over, then "dies" before it can mark it delivered.
        var dying = new OutboxDispatcher(DataSource, NewRegistry().Handle<ReceiptSms>(async (_, context, ct) =>
        {
            reachedReceiver.TrySetResult(context);
            await Task.Delay(Timeout.Infinite, ct);
        }), Clock, Options);
        var receiver = new Recorder(Clock);
        var survivor = new OutboxDispatcher(DataSource, NewRegistry().Handle<ReceiptSms>(receiver.HandleAsync), Clock, Options);

        var aRound = dying.RunOnceAsync(crash.Token);
        var firstDelivery = await reachedReceiver.Task.WaitAsync(TimeSpan.FromSeconds(30));
        (await survivor.RunOnceAsync()).ShouldBe(0); // still leased to A
        Clock.Advance(Options.ClaimLease);
        (await survivor.RunOnceAsync()).ShouldBe(1);

        var redelivery = receiver.Calls.ShouldHaveSingleItem().Context;
        (redelivery.MessageId, redelivery.IdempotencyKey).ShouldBe((firstDelivery.MessageId, firstDelivery.IdempotencyKey));
        redelivery.Attempt.ShouldBe(2);
        await crash.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(aRound);
        var entry = (await Admin.GetAsync(id))!;
        (entry.Status, entry.Attempts).ShouldBe(("delivered", 2));
    }

    [Fact]
    public async Task two_dispatchers_running_at_once_never_deliver_a_message_twice()
    {
        var ids = await Outbox.EnqueueAsync(Enumerable.Range(0, 300).Select(i => new OutgoingMessage(new ReceiptSms("13800138000", i))));
        var deliveries = new ConcurrentDictionary<Guid, int>();
        var byDispatcher = new ConcurrentDictionary<int, int>();
        OutboxDispatcher Make(int n) => new(DataSource, NewRegistry().Handle<ReceiptSms>(async (_, context, _) =>
        {
            deliveries.AddOrUpdate(context.MessageId, 1, (_, c) => c + 1);
            byDispatcher.AddOrUpdate(n, 1, (_, c) => c + 1);
            await Task.Yield();
        }), Clock, new OutboxOptions { BatchSize = 7, MaxParallelism = 3 });

        await Task.WhenAll(Enumerable.Range(0, 2).Select(n => Task.Run(async () =>
        {
            var dispatcher = Make(n);
            while (await dispatcher.RunOnceAsync() > 0)
            {
            }
        })));

        deliveries.Keys.Order().ShouldBe(ids.Order());
        deliveries.Values.ShouldAllBe(count => count == 1);
        (await ScalarAsync("select count(*) from msg.outbox where status = 'delivered' and attempts = 1")).ShouldBe(300);
    }

    [Fact]
    public async Task a_dispatcher_claims_only_the_message_types_it_can_deliver()
    {
        await Outbox.EnqueueAsync([new OutgoingMessage(new ReceiptSms("13800138000", 1))]);
        var noReceivers = new OutboxDispatcher(DataSource, NewRegistry(), Clock);

        (await noReceivers.RunOnceAsync()).ShouldBe(0);

        (await ScalarAsync("select count(*) from msg.outbox where status = 'pending' and attempts = 0")).ShouldBe(1);
    }
}
