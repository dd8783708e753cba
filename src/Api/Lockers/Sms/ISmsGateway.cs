namespace Cabinets.Api.Lockers.Sms;

/// <summary>One text as it leaves us: the clear number and text exist only for the length of the send.</summary>
public sealed record OutgoingSms(string SmsId, string To, string Text);

/// <summary>
/// The port the SMS handler sends through (ADR-0024). An adapter returns when the message was
/// accepted; it throws <see cref="Commands.ExternalServiceException"/> for a failure worth retrying
/// and <see cref="SmsRefusedException"/> when the gateway refused this message for good. Neither
/// exception's message may hold the number, the text or the gateway's answer body.
/// </summary>
public interface ISmsGateway
{
    Task SendAsync(OutgoingSms sms, CancellationToken ct);
}

/// <summary>The gateway answered 4xx (other than 408/429): sending the same request again cannot help, so it is not retried.</summary>
public sealed class SmsRefusedException(string message) : Exception(message);
