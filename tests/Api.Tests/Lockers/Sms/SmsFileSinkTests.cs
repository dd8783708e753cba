using System.Text.Json;
using Cabinets.Api.Lockers.Sms;
using Cabinets.Api.PersonalData;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cabinets.Api.Tests.Lockers.Sms;

/// <summary>The Development sink (`Sms__Provider=file`, the default), erased recipients and what the log keeps (ADR-0024).</summary>
public sealed class SmsFileSinkTests(SmsFileApi api) : IClassFixture<SmsFileApi>
{
    private string SinkPath => ((FileSmsGateway)api.Services.GetRequiredService<ISmsGateway>()).Path;

    private static IEnumerable<JsonElement> Lines(string path) =>
        File.Exists(path) ? File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList() : [];

    [Fact]
    public async Task each_message_is_one_json_line_with_to_text_and_at()
    {
        var sms = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => api.SealAsync()));
        await Task.WhenAll(sms.Select(s => api.PublishAndWaitAsync(s.Message, SmsStatus.Sent)));

        var lines = Lines(SinkPath).ToList();
        foreach (var s in sms)
        {
            var line = lines.Where(l => l.GetProperty("text").GetString() == s.Text).ShouldHaveSingleItem();
            line.EnumerateObject().Select(p => p.Name).ShouldBe(["to", "text", "at"]);
            line.GetProperty("to").GetString().ShouldBe(s.Phone);
            line.GetProperty("at").GetDateTimeOffset().ShouldBeGreaterThanOrEqualTo(s.Message.QueuedAt.AddMinutes(-1));
        }
    }

    [Fact]
    public async Task a_recipient_erased_before_the_send_gets_nothing_and_the_log_says_erased()
    {
        var sms = await api.SealAsync();
        await api.Services.GetRequiredService<PersonalDataVault>().EraseAsync(sms.Phone, default);

        var entry = await api.PublishAndWaitAsync(sms.Message, SmsStatus.Erased);

        entry.SentAt.ShouldBeNull();
        entry.Recipient.ShouldBeNull();
        Lines(SinkPath).ShouldNotContain(l => l.GetProperty("text").GetString()!.Contains(sms.Code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_message_that_cannot_be_read_is_retried_then_dead_lettered_with_only_its_error_type()
    {
        var sms = await api.SealAsync();
        var damaged = sms.Message with { SealedText = $"pd1:{sms.Message.RecipientSubject}:not base64" };

        var entry = await api.PublishAndWaitAsync(damaged, SmsStatus.DeadLettered);

        entry.Attempts.ShouldBe(4); // any failure walks the external schedule, not only the gateway's
        entry.LastError.ShouldBe(nameof(FormatException));
        Lines(SinkPath).ShouldNotContain(l => l.GetProperty("to").GetString() == sms.Phone);
    }

    [Fact]
    public async Task the_log_keeps_the_number_masked_and_never_the_text_or_the_code()
    {
        var sms = await api.SealAsync();
        var entry = await api.PublishAndWaitAsync(sms.Message, SmsStatus.Sent);
        entry.Recipient.ShouldBe(sms.Phone[..3] + "****" + sms.Phone[^4..]);
        entry.Template.ShouldBe(sms.Message.Template);
        entry.RecordNumber.ShouldBe(sms.Message.RecordNumber);

        await using var db = NpgsqlDataSource.Create(api.ConnectionString);
        await using var cmd = db.CreateCommand($"select count(*) from {SmsLogTable.Name} s where s::text like '%' || $1 || '%' or s::text like '%' || $2 || '%'");
        cmd.Parameters.Add(new NpgsqlParameter { Value = sms.Code });
        cmd.Parameters.Add(new NpgsqlParameter { Value = sms.Phone });
        ((long)(await cmd.ExecuteScalarAsync())!).ShouldBe(0);
    }

    [Fact]
    public async Task two_sinks_on_one_file_like_two_nodes_never_interleave_their_lines()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sms-sink-{Guid.NewGuid():N}.jsonl");
        var nodes = new[] { new FileSmsGateway(path, TimeProvider.System), new FileSmsGateway(path, TimeProvider.System) };
        var text = new string('码', 3000); // longer than one write of a small buffer

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => nodes[i % 2].SendAsync(new OutgoingSms($"id-{i}", $"1380000{i:0000}", $"{i}:{text}"), default))));

        var lines = Lines(path).ToList();
        lines.Count.ShouldBe(200);
        lines.Select(l => l.GetProperty("to").GetString()).Distinct().Count().ShouldBe(200);
        File.Delete(path);
    }
}
