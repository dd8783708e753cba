namespace Cabinets.Api.Commands;

/// <summary>
/// An outside system (vendor, ERP, SMS gateway, sales channel) did not take a message: thrown by
/// the HTTP adapters behind our ports. Wolverine retries it on the external schedule and then
/// moves the message to the dead-letter queue (ADR-0016).
/// </summary>
public sealed class ExternalServiceException(string service, string message, Exception? inner = null)
    : Exception($"{service}: {message}", inner)
{
    public string Service { get; } = service;

    /// <summary>The failure without the service's name: "HTTP 503", "timeout", "connection refused" (what a manual task shows).</summary>
    public string Reason { get; } = message;
}
