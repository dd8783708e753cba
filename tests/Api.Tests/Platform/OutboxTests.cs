using Cabinets.Api.Tests.GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Runtime;

namespace Cabinets.Api.Tests.Platform;

/// <summary>The Api with a test sender and a fake vendor receiver on a sequential durable local queue.</summary>
public sealed class OutboxApi : ApiFixture
{
    // The production schedule is 15 s, 30 s, 60 s (ADR-0016); the same policy runs here on a short one.
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Wolverine:ExternalRetrySeconds"] = "0.05,0.1,0.2",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<VendorRecorder>();
        services.ConfigureWolverine(opts =>
        {
            opts.Discovery.IncludeType(typeof(SaveAndPushHandler));
            opts.Discovery.IncludeType(typeof(PushToVendorHandler));
            opts.LocalQueueFor<PushToVendor>().Sequential().UseDurableInbox();
        });
    }
}

public sealed class OutboxTests(OutboxApi api) : IClassFixture<OutboxApi>
{
    private static string NewId() => Guid.NewGuid().ToString("N");

    private Task SendAsync(SaveAndPush command) => new MessageBus(api.Services.GetRequiredService<IWolverineRuntime>()).InvokeAsync(command);

    [Fact]
    public async Task a_cascaded_message_is_delivered_once_and_only_after_its_transaction_committed()
    {
        var id = NewId();
        await SendAsync(new SaveAndPush(id, FailAfterSending: false, ReceiverFailures: 0));

        var vendor = api.Services.GetRequiredService<VendorRecorder>();
        (await vendor.DeliveredAsync(id)).ShouldBeTrue(); // the probe was committed when the vendor got the push
        vendor.Deliveries(id).ShouldBe(1);
    }

    [Fact]
    public async Task a_message_sent_by_a_handler_whose_transaction_rolls_back_never_leaves()
    {
        var rolledBack = NewId();
        await Should.ThrowAsync<InvalidOperationException>(() => SendAsync(new SaveAndPush(rolledBack, FailAfterSending: true, ReceiverFailures: 0)));
        var after = NewId();
        await SendAsync(new SaveAndPush(after, FailAfterSending: false, ReceiverFailures: 0));

        // the queue is sequential: had the first been sent, it would have arrived before the second
        var vendor = api.Services.GetRequiredService<VendorRecorder>();
        await vendor.DeliveredAsync(after);
        vendor.Attempts(rolledBack).ShouldBe(0);
        vendor.Deliveries(rolledBack).ShouldBe(0);
    }

    [Fact]
    public async Task a_failing_receiver_walks_the_retry_schedule_to_the_dead_letter_queue_and_a_replay_delivers()
    {
        var id = NewId();
        await SendAsync(new SaveAndPush(id, FailAfterSending: false, ReceiverFailures: int.MaxValue));
        var vendor = api.Services.GetRequiredService<VendorRecorder>();
        using var admin = await api.AdminAsync();

        var deadLetter = await WaitForDeadLetterAsync(admin);
        vendor.Attempts(id).ShouldBe(4); // the first attempt and three retries
        vendor.Deliveries(id).ShouldBe(0);

        vendor.Recover(id);
        var replayed = await admin.PostGraphQLAsync("mutation($id: ID!) { replayDeadLetter(id: $id) }", new { id = deadLetter });
        replayed.Errors.ShouldBeEmpty();
        replayed.Data.GetProperty("replayDeadLetter").GetBoolean().ShouldBeTrue();
        (await vendor.DeliveredAsync(id)).ShouldBeTrue();
        vendor.Deliveries(id).ShouldBe(1);
    }

    private async Task<string> WaitForDeadLetterAsync(HttpClient admin)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var listed = await admin.PostGraphQLAsync("{ deadLetters(messageType: null) { id messageType exceptionType } }");
            listed.Errors.ShouldBeEmpty();
            var letter = listed.Data.GetProperty("deadLetters").EnumerateArray()
                .FirstOrDefault(d => d.GetProperty("exceptionType").GetString()!.EndsWith(nameof(Commands.ExternalServiceException), StringComparison.Ordinal));
            if (letter.ValueKind != System.Text.Json.JsonValueKind.Undefined) return letter.GetProperty("id").GetString()!;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("no dead letter after the retry schedule");
            await Task.Delay(100); // polling the queue's state, not timing anything
        }
    }
}
