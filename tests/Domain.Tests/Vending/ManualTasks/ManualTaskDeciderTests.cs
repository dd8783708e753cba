using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.ManualTasks;

namespace Cabinets.Domain.Tests.Vending.ManualTasks;

/// <summary>The manual-handling queue (VENDING.md §1.11, §2.8): one task per outside call, retried by an admin or resolved.</summary>
public sealed class ManualTaskDeciderTests : VendingSpecs
{
    private const string Id = "T-SS-20261121-S001";
    private static readonly DateTimeOffset GaveUpAt = new(2026, 11, 21, 18, 1, 45, TimeSpan.Zero);

    /// <summary>Scenario 10: the ERP sales push gave up after 4 attempts with HTTP 503.</summary>
    private static OpenManualTask SalesPushGaveUp(DateTimeOffset? at = null) =>
        new(Id, ManualTaskKind.ErpSalesPush, "SS-20261121-S001", null, null, "S001", 4, "HTTP 503", true, "ErpPushSalesSummary", "{}", at ?? GaveUpAt);

    private static ManualTaskState? Given(params object[] events) => Fold<ManualTaskState>(ManualTaskDecider.Instance.Evolve, events);

    private static ManualTaskOpened Opened(OpenManualTask c) =>
        new(c.TaskId, c.Kind, c.Subject, c.OrderNo, c.DeviceCode, c.StoreCode, c.Attempts, c.LastError, c.Retryable, c.MessageType, c.MessageBody, c.Now);

    [Fact]
    public void a_call_that_gave_up_opens_one_task_and_opens_it_again_after_a_resolution()
    {
        // Scenario 10: manualTasks lists an OPEN ERP_SALES_PUSH with attempts 4 and lastError "HTTP 503".
        var opened = ManualTaskDecider.Decide(SalesPushGaveUp(), null).Events.ShouldHaveSingleItem().ShouldBeOfType<ManualTaskOpened>();
        opened.ShouldBe(Opened(SalesPushGaveUp()));
        var state = Given(opened)!;
        (state.Status, state.Attempts, state.LastError, state.Retryable).ShouldBe((ManualTaskStatus.Open, 4, "HTTP 503", true));

        ManualTaskDecider.Decide(SalesPushGaveUp(GaveUpAt.AddMinutes(1)), state).Events.ShouldBeEmpty(); // a redelivered failure

        var resolved = ManualTaskDecider.Instance.Evolve(state, new ManualTaskResolved(Id, ManualTaskOutcome.HandledOutside, "已手工录入", GaveUpAt.AddHours(1)));
        var reopened = ManualTaskDecider.Decide(SalesPushGaveUp(GaveUpAt.AddDays(1)), resolved).Events.ShouldHaveSingleItem(); // the same call failed again
        ManualTaskDecider.Instance.Evolve(resolved, reopened)!.Status.ShouldBe(ManualTaskStatus.Open);
    }

    [Fact]
    public void a_failed_retry_keeps_the_task_open_with_one_more_attempt_and_the_new_error()
    {
        var state = Given(Opened(SalesPushGaveUp()));
        var retried = ManualTaskDecider.Decide(new RecordManualRetry(Id, false, "timeout", GaveUpAt.AddHours(1)), state).Events;
        retried.ShouldBe([new ManualTaskRetried(Id, 5, false, "timeout", GaveUpAt.AddHours(1))]);
        var after = retried.Aggregate(state, ManualTaskDecider.Instance.Evolve)!;
        (after.Status, after.Attempts, after.LastError, after.LastAttemptAt).ShouldBe((ManualTaskStatus.Open, 5, "timeout", GaveUpAt.AddHours(1)));
    }

    [Fact]
    public void a_successful_retry_resolves_the_task_as_sent()
    {
        // Scenario 10: the fake is switched to 200; retryManualTask → a 5th request, task RESOLVED SENT.
        var state = Given(Opened(SalesPushGaveUp()));
        var at = GaveUpAt.AddHours(1);
        var events = ManualTaskDecider.Decide(new RecordManualRetry(Id, true, null, at), state).Events;
        events.ShouldBe([new ManualTaskRetried(Id, 5, true, null, at), new ManualTaskResolved(Id, ManualTaskOutcome.Sent, "resent by an admin", at)]);
        var after = events.Aggregate(state, ManualTaskDecider.Instance.Evolve)!;
        (after.Status, after.Outcome, after.Attempts, after.LastError).ShouldBe((ManualTaskStatus.Resolved, (ManualTaskOutcome?)ManualTaskOutcome.Sent, 5, "HTTP 503"));
    }

    [Fact]
    public void an_open_door_task_is_never_retried_its_command_expired()
    {
        // Scenario 11: task VENDOR_OPEN_DOOR with retryable false; retryManualTask → COMMAND_EXPIRED.
        var door = Given(new ManualTaskOpened("T-VC-VS1", ManualTaskKind.VendorOpenDoor, "VS1", null, "D001", "S001", 4, "HTTP 503", false,
            "VendorOpenDoor", "{}", Now.AddSeconds(105)));
        ManualTaskDecider.CanRetry(door, "T-VC-VS1")!.Code.ShouldBe(ManualTaskDecider.Errors.CommandExpired);
        ManualTaskDecider.Decide(new RecordManualRetry("T-VC-VS1", true, null, Now.AddMinutes(5)), door).Error!.Code.ShouldBe(ManualTaskDecider.Errors.CommandExpired);
    }

    [Fact]
    public void a_task_with_nothing_to_resend_an_unknown_task_and_a_resolved_one_are_not_retried()
    {
        var pushMissing = Given(new ManualTaskOpened("T-VS1:push-missing", ManualTaskKind.OrderPushMissing, "VS1", null, "D001", "S001", 0,
            "no order pushed 30 minutes after the door opened", false, null, null, Now.AddMinutes(30)));
        ManualTaskDecider.CanRetry(pushMissing, "T-VS1:push-missing")!.Code.ShouldBe(ManualTaskDecider.Errors.NotRetryable);
        ManualTaskDecider.CanRetry(null, "T-404")!.Code.ShouldBe(ManualTaskDecider.Errors.NotFound);
        var resolved = Given(Opened(SalesPushGaveUp()), new ManualTaskResolved(Id, ManualTaskOutcome.Dismissed, "无需推送", GaveUpAt.AddHours(1)));
        ManualTaskDecider.CanRetry(resolved, Id)!.Code.ShouldBe(ManualTaskDecider.Errors.Resolved);
    }

    [Fact]
    public void resolving_by_hand_needs_a_note_and_happens_once_while_a_late_sent_is_a_no_op()
    {
        var state = Given(Opened(SalesPushGaveUp()));
        ManualTaskDecider.Decide(new ResolveManualTask(Id, ManualTaskOutcome.HandledOutside, " ", GaveUpAt), state).Error!.Field.ShouldBe("note");
        var resolved = ManualTaskDecider.Decide(new ResolveManualTask(Id, ManualTaskOutcome.HandledOutside, " 已在ERP手工录入 ", GaveUpAt.AddHours(1)), state).Events;
        resolved.ShouldBe([new ManualTaskResolved(Id, ManualTaskOutcome.HandledOutside, "已在ERP手工录入", GaveUpAt.AddHours(1))]);

        var after = resolved.Aggregate(state, ManualTaskDecider.Instance.Evolve);
        ManualTaskDecider.Decide(new ResolveManualTask(Id, ManualTaskOutcome.Dismissed, "再次", GaveUpAt.AddHours(2)), after).Error!.Code.ShouldBe(ManualTaskDecider.Errors.Resolved);
        var lateSent = ManualTaskDecider.Decide(new ResolveManualTask(Id, ManualTaskOutcome.Sent, "the order arrived", GaveUpAt.AddHours(2)), after);
        (lateSent.Error, lateSent.Events.Count).ShouldBe((null, 0));
        ManualTaskDecider.Decide(new ResolveManualTask("T-404", ManualTaskOutcome.Sent, "", GaveUpAt), null).Error!.Code.ShouldBe(ManualTaskDecider.Errors.NotFound);
    }
}
