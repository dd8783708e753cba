using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cabinets.Api.Commands;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Projections.Lockers.FreeDoors;
using Cabinets.Station.Bench;
using static Cabinets.Lockers.Bench.BenchApi;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cabinets.Lockers.Bench;

/// <summary>One booking as a partner sends it (signed, over HTTP), and the raw INSERT it is measured against.</summary>
internal sealed partial class PartnerBookingBenchmark
{
    private async Task<int> BookAsync(HttpClient http, string partnerId, string secret, byte[] body, Statuses statuses, Stopwatch clock, CancellationToken ct)
    {
        var began = clock.Elapsed;
        using var request = new HttpRequestMessage(HttpMethod.Post, Target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        request.Headers.TryAddWithoutValidation("X-Partner-Id", partnerId);
        request.Headers.TryAddWithoutValidation("X-Timestamp", timestamp);
        request.Headers.TryAddWithoutValidation("X-Nonce", nonce);
        request.Headers.TryAddWithoutValidation("X-Signature", Sign(secret, "POST", Target, timestamp, nonce, body));
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsByteArrayAsync(ct);
        var ended = clock.Elapsed;
        var status = (int)response.StatusCode;
        string? problem = null;
        if (status != 201)
        {
            try
            {
                using var doc = JsonDocument.Parse(text);
                problem = doc.RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
            }
            catch (JsonException)
            {
                problem = "(no problem+json)";
            }
        }
        var window = (Start: settings.WarmUp, End: settings.WarmUp + settings.Measured);
        statuses.Add(status, problem, (ended - began).TotalMilliseconds, ended >= window.Start && ended <= window.End);
        return status == 201 || (status == 409 && problem?.EndsWith("no-free-door", StringComparison.Ordinal) == true) ? 1 : 0;
    }

    /// <summary>lower-case hex(HMAC-SHA256(UTF-8 secret, METHOD \n target \n timestamp \n nonce \n hex(SHA256(body)))), from API-CONTRACT.md.</summary>
    private static string Sign(string secret, string method, string target, string timestamp, string nonce, byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes($"{method}\n{target}\n{timestamp}\n{nonce}\n{Convert.ToHexStringLower(SHA256.HashData(body))}")));

    private static async Task<int> RawAsync(NpgsqlDataSource db, LockerData data, string partnerId, Random rng, string order, CancellationToken ct)
    {
        var i = rng.Next(data.Banks.Length);
        var b = data.Banks[i];
        await using var cmd = db.CreateCommand("""
            insert into bench_bookings (order_number, partner_id, serial_number, province, city, area, street, place, size, attribute,
                                        recipient_name, recipient_phone, booked_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now())
            """);
        foreach (var v in new object[]
                 {
                     order, partnerId, LockerData.Serial(i), LockerData.Province(b.Province), LockerData.City(b.Province, b.City), LockerData.Area(b.Area),
                     LockerData.Street(b.Street), LockerData.Place(b.Place), "LMS"[rng.Next(3)].ToString(), DBNull.Value, "张三", $"138{rng.Next(100_000_000):D8}",
                 })
            cmd.Parameters.Add(new NpgsqlParameter { Value = v, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
