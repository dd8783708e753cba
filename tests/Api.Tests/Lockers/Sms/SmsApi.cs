using Cabinets.Api.Lockers.Sms;
using Cabinets.Api.PersonalData;
using Cabinets.Domain.Lockers.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Runtime;

namespace Cabinets.Api.Tests.Lockers.Sms;

/// <summary>The Api with the Development file sink (the default provider) and a short retry schedule.</summary>
public class SmsFileApi : ApiFixture
{
    // The production schedule is 15 s, 30 s, 60 s (ADR-0016); the same policy runs here on a short one.
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Wolverine:ExternalRetrySeconds"] = "0.2,0.4,0.6",
    };
}

/// <summary>The Api sending through the HTTP adapter to a <see cref="FakeSmsGateway"/> started for this class.</summary>
public sealed class SmsHttpApi : ApiFixture, IDisposable
{
    public SmsHttpApi()
    {
        Gateway = FakeSmsGateway.Start();
        Settings = new Dictionary<string, string>
        {
            ["Wolverine:ExternalRetrySeconds"] = "0.2,0.4,0.6",
            ["Sms:Provider"] = "http",
            ["Sms:Gateway:Url"] = Gateway.Url,
            ["Sms:Gateway:ApiKey"] = FakeSmsGateway.ApiKey,
        };
    }

    public FakeSmsGateway Gateway { get; }

    protected override IReadOnlyDictionary<string, string> Settings { get; }

    public void Dispose() => Gateway.DisposeAsync().AsTask().GetAwaiter().GetResult();
}

/// <summary>A SendSms as the parcel module sends it: number and text sealed with the recipient's key.</summary>
public sealed record SealedSms(SendSms Message, string Phone, string Text, string Code);

public static class SmsScenario
{
    public static async Task<SealedSms> SealAsync(this ApiFixture api, string? phone = null)
    {
        var vault = api.Services.GetRequiredService<PersonalDataVault>();
        phone ??= "139" + Random.Shared.Next(10_000_000, 99_999_999);
        var code = Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var text = $"【智能柜】取件码 {code}，阳光小区 东门，设备 IBS20260001";
        var smsId = Guid.NewGuid().ToString("N");
        var message = new SendSms(smsId, SmsTemplates.PickupCode, await vault.SubjectOfAsync(phone, default),
            (await vault.ProtectAsync(phone, phone, default))!, (await vault.ProtectAsync(phone, text, default))!,
            "R" + smsId[..10], DateTimeOffset.UtcNow);
        return new SealedSms(message, phone, text, code);
    }

    public static MessageBus Bus(this ApiFixture api) => new(api.Services.GetRequiredService<IWolverineRuntime>());

    public static async Task<SmsLogEntry> PublishAndWaitAsync(this ApiFixture api, SendSms message, SmsStatus until)
    {
        await api.Bus().PublishAsync(message);
        return await api.WaitForSmsAsync(message.SmsId, until);
    }

    /// <summary>Polls the SMS log until the message reaches <paramref name="status"/> (30 s at most).</summary>
    public static async Task<SmsLogEntry> WaitForSmsAsync(this ApiFixture api, string smsId, SmsStatus status)
    {
        var log = api.Services.GetRequiredService<SmsLog>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var entry = await log.FindAsync(smsId, default);
            if (entry?.Status == status) return entry;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"SMS {smsId} is {entry?.Status.ToString() ?? "not logged"}, not {status}");
            await Task.Delay(50); // polling the log's state, not timing anything
        }
    }
}
