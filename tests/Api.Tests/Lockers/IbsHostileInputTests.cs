using System.Text;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Api.Commands;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cabinets.Api.Tests.Lockers;

/// <summary>
/// Mutated frames through the real endpoint: each gets an error frame (never 5000, never a stack
/// trace) and none appends an event. The codec's own fuzz test (100k cases) checks exact codes.
/// </summary>
public sealed class IbsHostileInputTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Serial = "IBS-HOSTILE1";

    [Fact]
    public async Task two_thousand_mutated_frames_each_get_an_error_code_and_append_nothing()
    {
        var firmware = new IbsClient(api.Http());
        (await api.SendAsync(new ProvisionCabinet(Serial, new Site("p", "c", "a", "s", "pl", "cn", null), DateTimeOffset.UtcNow)))
            .ShouldBeOfType<CommandOutcome.Accepted>();
        (await firmware.SendAsync("insert_locker_info", new[] { new { type = "快递柜", locker_info = new[] { new { category = "M", create_date = "2026-01-01", series_number = Serial } } } })).Code.ShouldBe(0);
        (await firmware.SendAsync("insert_single_info", new[] { new { series_number = Serial, single_code = "0,1,72" } })).Code.ShouldBe(0);
        var before = await EventCountAsync();

        var random = new Random(20261122);
        var originals = new[]
        {
            firmware.Frame("insert_single_status", new[] { new { series_number = Serial, single_code = "1,1" } }),
            firmware.Frame("insert_single_info", new[] { new { series_number = Serial, single_code = "0,2,72" } }),
            firmware.Frame("insert_locker_info", new[] { new { type = "快递柜", locker_info = new[] { new { category = "M", create_date = "2026-01-01", series_number = "IBS-OTHER" } } } }),
        };
        var codes = new Dictionary<int, int>();
        for (var i = 0; i < 2000; i++)
        {
            var original = originals[random.Next(originals.Length)];
            var mutated = Mutate(original, random);
            if (mutated.AsSpan().SequenceEqual(original)) continue;
            var answer = await firmware.SendFrameAsync(mutated);
            answer.Code.ShouldNotBe(0, Encoding.UTF8.GetString(mutated));
            answer.Code.ShouldNotBe(5000, Encoding.UTF8.GetString(mutated));
            codes[answer.Code] = codes.GetValueOrDefault(answer.Code) + 1;
        }

        (await EventCountAsync()).ShouldBe(before);
        codes.Keys.ShouldContain(1001);
        codes.Keys.ShouldContain(1002);
    }

    private static byte[] Mutate(byte[] frame, Random random)
    {
        var bytes = (byte[])frame.Clone();
        switch (random.Next(5))
        {
            case 0: // truncated
                return bytes[..random.Next(1, bytes.Length - 1)];
            case 1: // one byte changed anywhere
                bytes[random.Next(bytes.Length)] ^= (byte)(1 + random.Next(255));
                return bytes;
            case 2: // a payload hex digit changed, CRC recomputed: decrypts to garbage
                var text = Encoding.ASCII.GetString(bytes);
                var start = text.IndexOf("&param=", StringComparison.Ordinal) + 7;
                var at = start + random.Next(text.IndexOf("&CRC32=", StringComparison.Ordinal) - start);
                var body = text[..at] + (text[at] == 'A' ? 'B' : 'A') + text[(at + 1)..text.IndexOf("&CRC32=", StringComparison.Ordinal)];
                return Encoding.ASCII.GetBytes($"{body}&CRC32={Crc32(Encoding.ASCII.GetBytes(body)):X8}");
            case 3: // random garbage
                var garbage = new byte[random.Next(1, 300)];
                random.NextBytes(garbage);
                return garbage;
            default: // len off by some
                var s = Encoding.ASCII.GetString(bytes);
                return Encoding.ASCII.GetBytes(s.Replace("&len=", $"&len={random.Next(1, 9)}", StringComparison.Ordinal));
        }
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFF_FFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320u : crc >> 1;
        }
        return ~crc;
    }

    private async Task<long> EventCountAsync()
    {
        await using var db = NpgsqlDataSource.Create(api.ConnectionString);
        await using var cmd = db.CreateCommand("select count(*) from mt_events");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
