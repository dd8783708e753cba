using System.Text.Json;
using Cabinets.Api.Lockers.Sms;
using Cabinets.Api.Tests.GraphQL;
using Cabinets.Domain.Lockers.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace Cabinets.Api.Tests.Lockers.Sms;

/// <summary>`smsMessages`: the SMS log as a connection, filtered and sorted in the database, recipient masked.</summary>
public sealed class SmsMessagesGraphQLTests(SmsFileApi api) : IClassFixture<SmsFileApi>
{
    private const string Fields = "smsId recordNumber template recipient status attempts queuedAt sentAt lastError";

    private static JsonElement[] Nodes(GraphQLClient.Response response)
    {
        response.Errors.ShouldBeEmpty();
        return response.Data.GetProperty("smsMessages").GetProperty("nodes").EnumerateArray().ToArray();
    }

    [Fact]
    public async Task an_admin_lists_a_parcels_texts_with_the_recipient_masked_and_no_text()
    {
        var sms = await api.SealAsync("13812345678");
        await api.PublishAndWaitAsync(sms.Message, SmsStatus.Sent);
        using var admin = await api.AdminAsync();

        var response = await admin.PostGraphQLAsync(
            $"query($r: String!) {{ smsMessages(where: {{recordNumber: {{eq: $r}}}}) {{ totalCount nodes {{ {Fields} }} }} }}", new { r = sms.Message.RecordNumber });

        var node = Nodes(response).ShouldHaveSingleItem();
        response.Data.GetProperty("smsMessages").GetProperty("totalCount").GetInt32().ShouldBe(1);
        node.GetProperty("smsId").GetString().ShouldBe(sms.Message.SmsId);
        node.GetProperty("template").GetString().ShouldBe(SmsTemplates.PickupCode);
        node.GetProperty("recipient").GetString().ShouldBe("138****5678");
        node.GetProperty("status").GetString().ShouldBe("SENT");
        node.GetProperty("attempts").GetInt32().ShouldBe(1);
        node.GetProperty("sentAt").GetString().ShouldNotBeNullOrEmpty();
        node.GetProperty("lastError").ValueKind.ShouldBe(JsonValueKind.Null);
        response.Body.GetRawText().ShouldNotContain(sms.Code);
    }

    [Fact]
    public async Task the_list_filters_by_status_and_template_and_sorts_by_queued_time()
    {
        var erased = await api.SealAsync();
        await api.Services.GetRequiredService<Cabinets.Api.PersonalData.PersonalDataVault>().EraseAsync(erased.Phone, default);
        var reminders = new List<SealedSms>();
        for (var i = 0; i < 3; i++)
        {
            var sms = await api.SealAsync();
            reminders.Add(sms with { Message = sms.Message with { Template = SmsTemplates.PickupReminder, QueuedAt = sms.Message.QueuedAt.AddMinutes(i) } });
        }
        await api.PublishAndWaitAsync(erased.Message, SmsStatus.Erased);
        foreach (var r in reminders) await api.PublishAndWaitAsync(r.Message, SmsStatus.Sent);
        using var admin = await api.AdminAsync();

        var byStatus = Nodes(await admin.PostGraphQLAsync($"{{ smsMessages(where: {{status: {{eq: ERASED}}}}) {{ nodes {{ {Fields} }} }} }}"));
        byStatus.Select(n => n.GetProperty("smsId").GetString()).ShouldContain(erased.Message.SmsId);
        byStatus.ShouldAllBe(n => n.GetProperty("status").GetString() == "ERASED");

        var since = reminders[0].Message.QueuedAt.ToUniversalTime().ToString("O");
        var newestFirst = Nodes(await admin.PostGraphQLAsync(
            $"query($t: String!, $since: DateTime!) {{ smsMessages(where: {{template: {{eq: $t}}, queuedAt: {{gte: $since}}}}, order: [{{queuedAt: DESC}}]) {{ nodes {{ smsId }} }} }}",
            new { t = SmsTemplates.PickupReminder, since }));
        newestFirst.Select(n => n.GetProperty("smsId").GetString()).ShouldBe(reminders.Select(r => r.Message.SmsId).Reverse());
    }

    [Fact]
    public async Task anonymous_callers_see_no_sms_log()
    {
        using var http = api.Http();
        var response = await http.PostGraphQLAsync("{ smsMessages { nodes { smsId } } }");
        response.Errors.ShouldNotBeEmpty();
        response.Body.GetProperty("data").ValueKind.ShouldBe(JsonValueKind.Null);
    }
}
