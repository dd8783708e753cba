using System.Net;
using Cabinets.Api.Commands;

namespace Cabinets.Api.Vending.Ports.WeChat;

/// <summary>
/// The error rule every WeChat adapter shares (VENDING.md §2.1, the contract in VendingPorts.cs):
/// no connection or no answer within the timeout, 5xx, 408 and 429 are transport failures
/// (<see cref="ExternalServiceException"/>, Reason exactly "connection refused", "timeout" or
/// "HTTP &lt;status&gt;"); any other 4xx is a business rejection. Bodies are read as text and never logged.
/// </summary>
internal static class WeChatHttp
{
    public sealed record Answer(int Status, string Body);

    public static async Task<Answer> SendAsync(HttpClient client, HttpRequestMessage request, string service, CancellationToken ct)
    {
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            var status = (int)response.StatusCode;
            if (IsTransportFailure(response.StatusCode)) throw new ExternalServiceException(service, $"HTTP {status}");
            return new Answer(status, body);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new ExternalServiceException(service, "timeout", e); // HttpClient.Timeout cancels with its own token
        }
        catch (HttpRequestException e)
        {
            throw new ExternalServiceException(service, "connection refused", e);
        }
    }

    public static bool IsTransportFailure(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
}
