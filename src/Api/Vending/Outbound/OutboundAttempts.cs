using Cabinets.Domain.Vending;
using Marten;
using Wolverine;

namespace Cabinets.Api.Vending.Outbound;

/// <summary>One attempt of an outside call, appending its effects to the session it is given (and cascading through <paramref name="messages"/>); throws as the ports do.</summary>
public delegate Task OutboundAttempt(IVendingOutbound message, IServiceProvider services, IDocumentSession session, IMessageContext messages, CancellationToken ct);

/// <summary>
/// The attempt of each outbound message type, for `retryManualTask`: one immediate attempt outside
/// Wolverine's retry schedule (the admin waits for its answer). Each message's Wolverine handler
/// calls the same function, so a manual resend does exactly what the outbox delivery does.
/// </summary>
public sealed class OutboundAttempts(IEnumerable<OutboundAttemptRegistration> registrations)
{
    private readonly Dictionary<Type, OutboundAttempt> byType = registrations.ToDictionary(r => r.MessageType, r => r.Attempt);

    public OutboundAttempt? For(Type messageType) => byType.GetValueOrDefault(messageType);
}

public sealed record OutboundAttemptRegistration(Type MessageType, OutboundAttempt Attempt);

public static class OutboundAttemptServices
{
    public static IServiceCollection AddOutboundAttempt<T>(this IServiceCollection services, Func<T, IServiceProvider, IDocumentSession, CancellationToken, Task> attempt)
        where T : IVendingOutbound =>
        services.AddSingleton(new OutboundAttemptRegistration(typeof(T), (m, sp, s, _, ct) => attempt((T)m, sp, s, ct)));

    /// <summary>For attempts whose effects cascade further messages (a created service order opens the door).</summary>
    public static IServiceCollection AddOutboundAttempt<T>(this IServiceCollection services, Func<T, IServiceProvider, IDocumentSession, IMessageContext, CancellationToken, Task> attempt)
        where T : IVendingOutbound =>
        services.AddSingleton(new OutboundAttemptRegistration(typeof(T), (m, sp, s, messages, ct) => attempt((T)m, sp, s, messages, ct)));
}
