using Cabinets.Api.Lockers.Sms;
using Cabinets.Api.Tests.GraphQL;
using Cabinets.Domain.Lockers.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Runtime;

namespace Cabinets.Api.Tests.Lockers.Sms;

/// <summary>SendSms through the outbox to a real HTTP gateway that fails as scripted (ADR-0024).</summary>
public sealed class SmsOverHttpTests(SmsHttpApi api) : IClassFixture<SmsHttpApi>
{
    private FakeSmsGateway Gateway => api.Gateway;

    [Fact]
    public async Task a_gateway_failing_twice_is_retried_and_the_text_is_delivered_exactly_once()
    {
        var sms = await api.SealAsync();
        Gateway.FailFirst(sms.Message.SmsId, 2, status: 500);

        var entry = await api.PublishAndWaitAsync(sms.Message, SmsStatus.Sent);

        Gateway.Deliveries(sms.Message.SmsId).ShouldBe(1);
        Gateway.CallsFor(sms.Message.SmsId).Count.ShouldBe(3);
        entry.Attempts.ShouldBe(3);
        entry.LastError.ShouldBeNull();
        entry.SentAt.ShouldNotBeNull();
        entry.Recipient.ShouldBe(sms.Phone[..3] + "****" + sms.Phone[^4..]);
    }

    [Fact]
    public async Task the_gateway_gets_the_number_the_text_the_api_key_and_the_sms_id_to_deduplicate_on()
    {
        var sms = await api.SealAsync();
        await api.PublishAndWaitAsync(sms.Message, SmsStatus.Sent);

        var call = Gateway.CallsFor(sms.Message.SmsId).ShouldHaveSingleItem();
        call.ApiKey.ShouldBe(FakeSmsGateway.ApiKey);
        call.ContentType.ShouldStartWith("application/json");
        call.Body.GetProperty("id").GetString().ShouldBe(sms.Message.SmsId);
        call.Body.GetProperty("to").GetString().ShouldBe(sms.Phone);
        call.Body.GetProperty("text").GetString().ShouldBe(sms.Text);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(408)]
    [InlineData(429)]
    public async Task a_busy_or_overloaded_gateway_is_retried(int status)
    {
        var sms = await api.SealAsync();
        Gateway.FailFirst(sms.Message.SmsId, 1, status);

        var entry = await api.PublishAndWaitAsync(sms.Message, SmsStatus.Sent);

        entry.Attempts.ShouldBe(2);
        Gateway.Deliveries(sms.Message.SmsId).ShouldBe(1);
    }

    [Fact]
    public async Task a_redelivered_message_that_was_already_sent_is_not_sent_again()
    {
        var sms = await api.SealAsync();
        await api.PublishAndWaitAsync(sms.Message, SmsStatus.Sent);

        await api.Bus().InvokeAsync(sms.Message); // the same SendSms again, handled inline to its end

        Gateway.CallsFor(sms.Message.SmsId).Count.ShouldBe(1);
        (await api.WaitForSmsAsync(sms.Message.SmsId, SmsStatus.Sent)).Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task a_gateway_that_keeps_failing_dead_letters_the_message_and_a_replay_after_recovery_delivers_it()
    {
        var sms = await api.SealAsync();
        Gateway.FailUntilRecovered(sms.Message.SmsId, status: 502);

        var entry = await api.PublishAndWaitAsync(sms.Message, SmsStatus.DeadLettered);
        entry.Attempts.ShouldBe(4); // the first attempt and three retries
        entry.LastError.ShouldBe("sms-gateway: HTTP 502");
        Gateway.Deliveries(sms.Message.SmsId).ShouldBe(0);

        var deadLetterId = await DeadLetterOfAsync(sms.Message.SmsId);
        using var admin = await api.AdminAsync();
        var listed = await admin.PostGraphQLAsync("{ deadLetters { id messageType exceptionType exceptionMessage } }");
        listed.Errors.ShouldBeEmpty();
        var letter = listed.Data.GetProperty("deadLetters").EnumerateArray().Single(d => d.GetProperty("id").GetString() == deadLetterId.ToString());
        letter.GetProperty("messageType").GetString()!.ShouldEndWith(nameof(SendSms));
        letter.GetProperty("exceptionType").GetString()!.ShouldEndWith(nameof(Commands.ExternalServiceException));
        letter.GetProperty("exceptionMessage").GetString()!.ShouldNotContain(sms.Phone);

        var logged = await admin.PostGraphQLAsync(
            "query($id: String!) { smsMessages(where: {smsId: {eq: $id}}) { nodes { status attempts lastError sentAt } } }", new { id = sms.Message.SmsId });
        logged.Errors.ShouldBeEmpty();
        var node = logged.Data.GetProperty("smsMessages").GetProperty("nodes").EnumerateArray().ShouldHaveSingleItem();
        node.GetProperty("status").GetString().ShouldBe("DEAD_LETTERED");
        node.GetProperty("lastError").GetString().ShouldBe("sms-gateway: HTTP 502");

        Gateway.Recover(sms.Message.SmsId);
        var replayed = await admin.PostGraphQLAsync("mutation($id: ID!) { replayDeadLetter(id: $id) }", new { id = deadLetterId.ToString() });
        replayed.Errors.ShouldBeEmpty();
        replayed.Data.GetProperty("replayDeadLetter").GetBoolean().ShouldBeTrue();

        var sent = await api.WaitForSmsAsync(sms.Message.SmsId, SmsStatus.Sent);
        sent.Attempts.ShouldBe(5);
        sent.LastError.ShouldBeNull();
        Gateway.Deliveries(sms.Message.SmsId).ShouldBe(1);
    }

    [Fact]
    public async Task a_message_the_gateway_refuses_is_dead_lettered_without_a_retry()
    {
        var sms = await api.SealAsync();
        Gateway.Answer(sms.Message.SmsId, 400);

        var entry = await api.PublishAndWaitAsync(sms.Message, SmsStatus.DeadLettered);

        entry.Attempts.ShouldBe(1);
        entry.LastError.ShouldBe("sms-gateway: refused with HTTP 400, not retried");
        await DeadLetterOfAsync(sms.Message.SmsId);
        Gateway.CallsFor(sms.Message.SmsId).Count.ShouldBe(1);
    }

    /// <summary>The dead letter holding this SMS: GraphQL lists no bodies, so the test reads the store (the body is the sealed message, as JSON).</summary>
    private async Task<Guid> DeadLetterOfAsync(string smsId)
    {
        var deadLetters = api.Services.GetRequiredService<IWolverineRuntime>().Storage.DeadLetters;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var page = await deadLetters.QueryAsync(new DeadLetterEnvelopeQuery { PageSize = 500 }, default);
            var letter = page.Envelopes.FirstOrDefault(e => e.Envelope?.Data is { } body && System.Text.Encoding.UTF8.GetString(body).Contains(smsId, StringComparison.Ordinal));
            if (letter is not null) return letter.Id;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"SMS {smsId} is not in the dead-letter queue");
            await Task.Delay(50); // polling the queue's state, not timing anything
        }
    }
}
