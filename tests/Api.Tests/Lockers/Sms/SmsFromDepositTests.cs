using System.Text.Json;
using Cabinets.Api.Lockers.Parcels;
using Cabinets.Api.Lockers.Sms;
using Cabinets.Api.Tests.Lockers.Parcels;
using Cabinets.Domain.Lockers.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace Cabinets.Api.Tests.Lockers.Sms;

/// <summary>The pickup-code SMS end to end: a deposit over IBS cascades SendSms through the outbox to the file sink.</summary>
public sealed class SmsFromDepositTests(ParcelFixture api) : IClassFixture<ParcelFixture>
{
    [Fact]
    public async Task a_deposit_texts_the_pickup_code_once_even_when_the_firmware_repeats_it()
    {
        const string serial = "IBSS0000001";
        await api.InstallAsync(serial, ParcelFixture.SiteAt("园区S"), "0,1,64");
        var firmware = api.Firmware();
        var booked = (await api.BookAsync("园区S", "5550001111", phone: "13912345678")).ShouldBeOfType<BookingResult.Booked>();
        (await firmware.SendAsync("verify_order_num", new { order_num = "5550001111", series_num = serial })).Code.ShouldBe(0);
        var deposit = new { verify_num = "731905", series_num = serial, order_num = "5550001111", single_code = "1" };
        (await firmware.SendAsync("recieve_verify_num", deposit)).Code.ShouldBe(0);
        (await firmware.SendAsync("recieve_verify_num", deposit)).Code.ShouldBe(0); // the firmware's retry decides nothing new

        var smsId = $"sms-{booked.RecordNumber}-pickup";
        var entry = await api.WaitForSmsAsync(smsId, SmsStatus.Sent);
        entry.RecordNumber.ShouldBe(booked.RecordNumber);
        entry.Template.ShouldBe(SmsTemplates.PickupCode);
        entry.Recipient.ShouldBe("139****5678");

        var sink = ((FileSmsGateway)api.Services.GetRequiredService<ISmsGateway>()).Path;
        var line = File.ReadAllLines(sink).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(l => l.GetProperty("text").GetString()!.Contains("731905", StringComparison.Ordinal)).ShouldHaveSingleItem();
        line.GetProperty("to").GetString().ShouldBe("13912345678");
        line.GetProperty("text").GetString()!.ShouldContain(serial);
    }
}
