using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Cabinets.Vending.Push;

/// <summary>One mini-program user with one opened ticket session on one device; the push it gets is fixed by its index.</summary>
internal sealed record Seat(int Index, string UserId, string SessionNo, string Device);

internal sealed record PushLine(string Code, string Name, int Quantity, long Price);

/// <summary>The requests of the timed cases: the vendor's signed push, and the two raw INSERTs it is compared with.</summary>
internal static class PushCalls
{
    public const string Target = "/api/vendors/wheat/orders";
    public const string PartnerId = "wheat";
    public const string Secret = "vending-push-bench-secret";

    /// <summary>The fixture's catalog (VENDING.md §5): a push of at most 3 of each stays below the store's 20,000-fen limit, so every one is charged.</summary>
    public static readonly (string Code, string Name, long Price)[] Products = [("P100", "牛奶", 1250), ("P200", "薯片", 600), ("P300", "果汁", 350)];

    /// <summary>1-3 distinct products, 1-3 of each, from a generator seeded by the index (so the check afterwards knows every total).</summary>
    public static IReadOnlyList<PushLine> Lines(int index)
    {
        var rng = new Random(unchecked(31_337 + index * 104_729));
        var count = 1 + rng.Next(Products.Length);
        return Products.OrderBy(_ => rng.Next()).Take(count).Select(p => new PushLine(p.Code, p.Name, 1 + rng.Next(3), p.Price)).ToList();
    }

    public static long Total(int index) => Lines(index).Sum(l => l.Quantity * l.Price);

    public static string WheatOrderNo(int index) => string.Create(CultureInfo.InvariantCulture, $"WPB{index:D9}");

    /// <summary>The push of VENDING.md §4.2 (the shape of VendingScenarioTests.Push), closed now.</summary>
    public static byte[] Body(Seat seat) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        wheatOrderNo = WheatOrderNo(seat.Index), sessionNo = seat.SessionNo, deviceCode = seat.Device,
        closedAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), totalAmount = Total(seat.Index),
        items = Lines(seat.Index).Select(l => new { productCode = l.Code, productName = l.Name, quantity = l.Quantity, unitPrice = l.Price }),
    });

    /// <summary>One signed push (VendingFixture.VendorPostAsync's headers); 1 when it is 201 RECORDED.</summary>
    public static async Task<int> PushAsync(HttpClient http, Seat seat, PushLedger ledger, Tally tally, CancellationToken ct)
    {
        var body = Body(seat);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        using var request = new HttpRequestMessage(HttpMethod.Post, Target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("X-Partner-Id", PartnerId);
        request.Headers.TryAddWithoutValidation("X-Timestamp", timestamp);
        request.Headers.TryAddWithoutValidation("X-Nonce", nonce);
        request.Headers.TryAddWithoutValidation("X-Signature", Sign(timestamp, nonce, body));
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsByteArrayAsync(ct);
        var status = (int)response.StatusCode;
        string? answer = null, orderNo = null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (status == 201)
            {
                answer = doc.RootElement.GetProperty("status").GetString();
                orderNo = doc.RootElement.GetProperty("orderNo").GetString();
            }
            else answer = doc.RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            answer = "(no JSON answer)";
        }
        if (status == 201) ledger.Record(seat.Index, orderNo, answer);
        tally.Add($"{status} {answer}".Trim());
        return status == 201 && answer == "RECORDED" ? 1 : 0;
    }

    /// <summary>lower-case hex(HMAC-SHA256(secret, POST \n target \n timestamp \n nonce \n hex(SHA256(body)))), VENDING.md §4.1.</summary>
    private static string Sign(string timestamp, string nonce, byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret),
            Encoding.UTF8.GetBytes($"POST\n{Target}\n{timestamp}\n{nonce}\n{Convert.ToHexStringLower(SHA256.HashData(body))}")));

    /// <summary>The same body, unsigned, to `POST /bench/raw-insert`: one INSERT of it and its commit, same server, pool and HTTP stack.</summary>
    public static async Task<int> RawHttpAsync(HttpClient http, Seat seat, CancellationToken ct)
    {
        using var content = new ByteArrayContent(Body(seat));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("/bench/raw-insert", content, ct);
        await response.Content.ReadAsByteArrayAsync(ct);
        return response.IsSuccessStatusCode ? 1 : 0;
    }

    public const string RawTable = """
        create table if not exists bench_pushes (id bigserial primary key, wheat_order_no text not null unique, session_no text not null,
            device_code text not null, total_amount bigint not null, body text not null, received_at timestamptz not null)
        """;

    /// <summary>One INSERT (autocommit) of a row that says what a push says, on the Api's own data source, no HTTP.</summary>
    public static async Task<int> RawAsync(NpgsqlDataSource db, Seat seat, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            insert into bench_pushes (wheat_order_no, session_no, device_code, total_amount, body, received_at) values ($1, $2, $3, $4, $5, now())
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = WheatOrderNo(seat.Index), NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = seat.SessionNo, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = seat.Device, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = Total(seat.Index), NpgsqlDbType = NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter { Value = Encoding.UTF8.GetString(Body(seat)), NpgsqlDbType = NpgsqlDbType.Text });
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>What each seat's push was answered (201 only): the order number and its status, for the check in the database.</summary>
internal sealed class PushLedger(int seats)
{
    private readonly string?[] _orderNos = new string?[seats];
    private readonly string?[] _statuses = new string?[seats];

    public void Record(int index, string? orderNo, string? status)
    {
        _orderNos[index] = orderNo;
        _statuses[index] = status;
    }

    public string? OrderNo(int index) => _orderNos[index];

    public string? Status(int index) => _statuses[index];
}

/// <summary>The answers of one case by kind ("201 RECORDED", "409 urn:…"), for its note.</summary>
internal sealed class Tally
{
    private readonly Dictionary<string, long> _kinds = [];

    public void Add(string kind)
    {
        lock (_kinds) _kinds[kind] = _kinds.GetValueOrDefault(kind) + 1;
    }

    public string Describe()
    {
        lock (_kinds)
        {
            var recorded = _kinds.GetValueOrDefault("201 RECORDED");
            var others = _kinds.Where(k => k.Key != "201 RECORDED").Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Value:N0} x {k.Key}")).ToList();
            return string.Create(CultureInfo.InvariantCulture, $"{recorded:N0} x 201 RECORDED") + (others.Count == 0 ? ", nothing else" : "; OTHER: " + string.Join(", ", others));
        }
    }
}
