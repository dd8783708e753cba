using Cabinets.Domain.Vending;
using Marten;

namespace Cabinets.Api.Vending.Outbound;

/// <summary>One attempt of an outside call, appending its effects to the session it is given; throws as the ports do.</summary>
internal delegate Task OutboundAttempt(IVendingOutbound message, IServiceProvider services, IDocumentSession session, CancellationToken ct);

/// <summary>
/// The attempt of each outbound message type, for `retryManualTask`: one immediate attempt outside
/// Wolverine's retry schedule (the admin waits for its answer). Each message's Wolverine handler
/// calls the same function, so a manual resend does exactly what the outbox delivery does.
/// </summary>
internal sealed class OutboundAttempts(IEnumerable<OutboundAttemptRegistration> registrations)
{
    private readonly Dictionary<Type, OutboundAttempt> byType = registrations.ToDictionary(r => r.MessageType, r => r.Attempt);

    public OutboundAttempt? For(Type messageType) => byType.GetValueOrDefault(messageType);
}

internal sealed record OutboundAttemptRegistration(Type MessageType, OutboundAttempt Attempt);

internal static class OutboundAttemptServices
{
    public static IServiceCollection AddOutboundAttempt<T>(this IServiceCollection services, Func<T, IServiceProvider, IDocumentSession, CancellationToken, Task> attempt)
        where T : IVendingOutbound =>
        services.AddSingleton(new OutboundAttemptRegistration(typeof(T), (m, sp, s, ct) => attempt((T)m, sp, s, ct)));
}
