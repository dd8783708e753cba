using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Cabinets.Api.Commands;
using Cabinets.Api.Lockers.Partners.Rest;

namespace Cabinets.Api.Vending.Ports.Vendor;

/// <summary>Where and as whom a signed client calls: the base URL, our id at the other side, the shared secret, the time-out.</summary>
internal sealed record SignedEndpoint(string Service, string BaseUrl, string PartnerId, string Secret, TimeSpan Timeout);

/// <summary>
/// Our requests to the vendor and the ERP (VENDING.md §4.1): signed exactly like partner requests
/// (`X-Partner-Id`, `X-Timestamp`, a fresh `X-Nonce` per attempt, `X-Signature` over the method, the
/// target as sent, the timestamp, the nonce and the body's hash) and carrying `Idempotency-Key`, so
/// every retry sends the same body and key. Failures are mapped as the ports' comment says:
/// connect error, time-out, 5xx, 408, 429 → <see cref="ExternalServiceException"/>; any other
/// 4xx → <see cref="ExternalRejectedException"/> with the body's `code` and `message` (nothing else of it).
/// </summary>
internal sealed class SignedJsonClient(HttpClient http, SignedEndpoint endpoint, TimeProvider clock)
{
    public const string IdempotencyHeader = "Idempotency-Key";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<JsonElement?> SendAsync(HttpMethod method, string pathAndQuery, object? body, string idempotencyKey, CancellationToken ct)
    {
        var bytes = body is null ? [] : JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), Json);
        using var request = new HttpRequestMessage(method, new Uri(endpoint.BaseUrl.TrimEnd('/') + pathAndQuery, UriKind.Absolute));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var signature = PartnerSigning.Sign(endpoint.Secret, method.Method, request.RequestUri!.PathAndQuery, timestamp, nonce, PartnerSigning.BodyHash(bytes));
        request.Headers.TryAddWithoutValidation(PartnerSignatureFilter.PartnerIdHeader, endpoint.PartnerId);
        request.Headers.TryAddWithoutValidation(PartnerSignatureFilter.TimestampHeader, timestamp);
        request.Headers.TryAddWithoutValidation(PartnerSignatureFilter.NonceHeader, nonce);
        request.Headers.TryAddWithoutValidation(PartnerSignatureFilter.SignatureHeader, signature);
        request.Headers.TryAddWithoutValidation(IdempotencyHeader, idempotencyKey);
        request.Headers.Accept.ParseAdd("application/json");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(endpoint.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new ExternalServiceException(endpoint.Service, "timeout", e);
        }
        catch (HttpRequestException e)
        {
            throw new ExternalServiceException(endpoint.Service, "connection refused", e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            JsonElement? answer;
            try
            {
                var text = await response.Content.ReadAsStringAsync(timeout.Token);
                answer = text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
                answer = null;
            }
            catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
            {
                throw new ExternalServiceException(endpoint.Service, "timeout", e);
            }
            if (response.IsSuccessStatusCode) return answer;
            if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
                throw new ExternalServiceException(endpoint.Service, $"HTTP {status}");
            throw new ExternalRejectedException(endpoint.Service, Text(answer, "code") ?? $"HTTP {status}", Text(answer, "message") ?? "");
        }
    }

    private static string? Text(JsonElement? body, string name) =>
        body is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
