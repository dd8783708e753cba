using System.Net;
using System.Net.Http.Json;
using Cabinets.Api.Commands;

namespace Cabinets.Api.Lockers.Sms;

/// <summary>
/// The SMS gateway over HTTP (ADR-0024): a JSON POST `{"id", "to", "text"}` to `Sms__Gateway__Url`
/// with the API key in its header and the SMS id as `Idempotency-Key`, so a message sent twice
/// (a retry after a lost answer, a redelivery after a crash) is delivered once by the gateway.
/// 5xx, 408, 429, a timeout or no connection are retried (<see cref="ExternalServiceException"/>);
/// any other 4xx is this message refused (<see cref="SmsRefusedException"/>). Errors name the
/// status only: the gateway's body may echo the number.
/// </summary>
public sealed class HttpSmsGateway(IHttpClientFactory clients, SmsGatewaySettings settings) : ISmsGateway
{
    public const string ClientName = "sms-gateway";
    public const string IdempotencyHeader = "Idempotency-Key";
    private const string Service = "sms-gateway";

    public async Task SendAsync(OutgoingSms sms, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url)
        {
            Content = JsonContent.Create(new GatewayRequest(sms.SmsId, sms.To, sms.Text)),
        };
        if (!string.IsNullOrEmpty(settings.ApiKey)) request.Headers.TryAddWithoutValidation(settings.ApiKeyHeader, settings.ApiKey);
        request.Headers.TryAddWithoutValidation(IdempotencyHeader, sms.SmsId);

        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new ExternalServiceException(Service, $"no answer within {settings.TimeoutSeconds} s", e);
        }
        catch (HttpRequestException e)
        {
            throw new ExternalServiceException(Service, $"no connection ({e.HttpRequestError})", e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return;
            if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
                throw new ExternalServiceException(Service, $"HTTP {status}");
            throw new SmsRefusedException($"{Service}: refused with HTTP {status}, not retried");
        }
    }

    private sealed record GatewayRequest(
        [property: System.Text.Json.Serialization.JsonPropertyName("id")] string Id,
        [property: System.Text.Json.Serialization.JsonPropertyName("to")] string To,
        [property: System.Text.Json.Serialization.JsonPropertyName("text")] string Text);
}
