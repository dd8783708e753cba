using Cabinets.Domain.Deciding;
using Cabinets.Messaging.Outbox;
using Cabinets.Messaging.Tests.Sample;
using Cabinets.Testing;

namespace Cabinets.Messaging.Tests.Outbox;

public sealed class RetryTests(DatabaseFixture db) : MessagingTestBase(db)
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private (OutboxDispatcher Dispatcher, Recorder Receiver) Dispatcher(RetryPolicy? policy, int failFirst, RetryPolicy? defaultRetry = null)
    {
        var receiver = new Recorder(Clock) { FailFirst = failFirst };
        var registry = NewRegistry(policy).Handle<ReceiptSms>(receiver.HandleAsync);
        if (defaultRetry is not null) registry.DefaultRetry = defaultRetry;
        return (new OutboxDispatcher(DataSource, registry, Clock), receiver);
    }

    private async Task<Guid> EnqueueAsync(DateTimeOffset? deliverAt = null) =>
        (await Outbox.EnqueueAsync([new OutgoingMessage(new ReceiptSms("13800138000", 100), deliverAt)])).Single();

    [Fact]
    public async Task a_receiver_that_fails_twice_is_retried_at_the_policy_delays_then_delivered()
    {
        var (dispatcher, receiver) = Dispatcher(RetryPolicy.Vending, failFirst: 2);
        var id = await EnqueueAsync();
        var t0 = Clock.GetUtcNow();

        (await dispatcher.RunOnceAsync()).ShouldBe(1);
        var first = (await Admin.GetAsync(id))!;
        (first.Status, first.Attempts, first.DueAt).ShouldBe(("pending", 1, t0 + 15 * Second));
        first.LastError.ShouldBe("InvalidOperationException: gateway down (call 1)");

        Clock.Advance(14 * Second);
        (await dispatcher.RunOnceAsync()).ShouldBe(0);
        Clock.Advance(Second);
        (await dispatcher.RunOnceAsync()).ShouldBe(1);
        var second = (await Admin.GetAsync(id))!;
        (second.Status, second.Attempts, second.DueAt).ShouldBe(("pending", 2, t0 + 45 * Second));

        Clock.Advance(29 * Second);
        (await dispatcher.RunOnceAsync()).ShouldBe(0);
        Clock.Advance(Second);
        (await dispatcher.RunOnceAsync()).ShouldBe(1);

        var delivered = (await Admin.GetAsync(id))!;
        (delivered.Status, delivered.Attempts, delivered.DeliveredAt).ShouldBe(("delivered", 3, t0 + 45 * Second));
        receiver.Calls.Select(c => c.At).ShouldBe([t0, t0 + 15 * Second, t0 + 45 * Second]);
        receiver.Calls.Select(c => c.Context.Attempt).ShouldBe([1, 2, 3]);
        receiver.Calls.Select(c => (c.Context.MessageId, c.Context.IdempotencyKey)).Distinct().ShouldHaveSingleItem()
            .ShouldBe((id, id.ToString()));
    }

    [Fact]
    public async Task a_receiver_that_always_fails_ends_in_dead_letters_that_an_admin_can_requeue()
    {
        var (dispatcher, receiver) = Dispatcher(RetryPolicy.Vending, failFirst: 4);
        var id = await EnqueueAsync();
        var t0 = Clock.GetUtcNow();

        foreach (var wait in new[] { 0, 15, 30, 60 })
        {
            Clock.Advance(wait * Second);
            (await dispatcher.RunOnceAsync()).ShouldBe(1);
        }

        receiver.Calls.Select(c => c.At).ShouldBe([t0, t0 + 15 * Second, t0 + 45 * Second, t0 + 105 * Second]);
        var dead = (await Admin.ListDeadAsync()).ShouldHaveSingleItem();
        (dead.Id, dead.Status, dead.Attempts, dead.DeadAt).ShouldBe((id, "dead", 4, t0 + 105 * Second));
        dead.LastError.ShouldBe("InvalidOperationException: gateway down (call 4)");
        Clock.Advance(TimeSpan.FromDays(1));
        (await dispatcher.RunOnceAsync()).ShouldBe(0);
        (await Admin.StatsAsync()).ShouldBe(new OutboxStats(Pending: 0, Due: 0, Dead: 1, OldestDueAge: TimeSpan.Zero));

        (await Admin.RequeueAsync(id)).ShouldBeTrue();
        var requeued = (await Admin.GetAsync(id))!;
        (requeued.Status, requeued.Attempts, requeued.Requeued).ShouldBe(("pending", 0, 1));
        (await dispatcher.RunOnceAsync()).ShouldBe(1);
        (await Admin.GetAsync(id))!.Status.ShouldBe("delivered");
        (await Admin.ListDeadAsync()).ShouldBeEmpty();
        (await Admin.RequeueAsync(id)).ShouldBeFalse();
    }

    [Fact]
    public async Task a_message_type_without_a_policy_of_its_own_follows_the_default()
    {
        var (dispatcher, _) = Dispatcher(policy: null, failFirst: 9, defaultRetry: new RetryPolicy(TimeSpan.FromMinutes(1)));
        var id = await EnqueueAsync();

        await dispatcher.RunOnceAsync();
        (await Admin.GetAsync(id))!.DueAt.ShouldBe(ManualClock.Start + TimeSpan.FromMinutes(1));
        Clock.Advance(TimeSpan.FromMinutes(1));
        await dispatcher.RunOnceAsync();

        (await Admin.GetAsync(id))!.Status.ShouldBe("dead");
    }

    [Fact]
    public async Task a_scheduled_message_is_not_delivered_before_it_is_due()
    {
        var (dispatcher, receiver) = Dispatcher(RetryPolicy.Vending, failFirst: 0);
        var due = Clock.GetUtcNow() + TimeSpan.FromMinutes(10);
        var id = await EnqueueAsync(deliverAt: due);

        (await dispatcher.RunOnceAsync()).ShouldBe(0);
        (await Admin.StatsAsync()).ShouldBe(new OutboxStats(Pending: 1, Due: 0, Dead: 0, OldestDueAge: TimeSpan.Zero));
        Clock.Set(due - Second);
        (await dispatcher.RunOnceAsync()).ShouldBe(0);
        receiver.Calls.ShouldBeEmpty();

        Clock.Set(due);
        (await dispatcher.RunOnceAsync()).ShouldBe(1);
        receiver.Calls.ShouldHaveSingleItem().At.ShouldBe(due);
        (await Admin.GetAsync(id))!.Status.ShouldBe("delivered");
        Clock.Advance(TimeSpan.FromDays(8));
        (await Admin.PurgeDeliveredAsync(TimeSpan.FromDays(7))).ShouldBe(1);
    }
}
