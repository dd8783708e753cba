using Cabinets.Api.Commands;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Users;
using Cabinets.Projections.Vending.Users;
using Marten;
using Wolverine;

namespace Cabinets.Api.Vending.Handlers;

/// <summary>A user's stream (`vending-user-{userId}`), decided by <see cref="VendingUserDecider"/>.</summary>
internal static class VendingUserStream
{
    public static Task<CommandOutcome> DecideAsync(VendingUserCommand command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StreamDecisions.DecideAsync<VendingUserSnapshot, VendingUserCommand, VendingUserState?, object>(session, messages,
            VendingEventNames.User(command.UserId), VendingUserDecider.Instance, command, s => s.State, ct);
}

public static class RegisterVendingUserHandler
{
    public static Task<CommandOutcome> Handle(RegisterVendingUser command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        VendingUserStream.DecideAsync(command, session, messages, ct);
}

public static class AdjustTicketsHandler
{
    public static Task<CommandOutcome> Handle(AdjustTickets command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        VendingUserStream.DecideAsync(command, session, messages, ct);
}

public static class SetPayScoreAuthorizationHandler
{
    public static Task<CommandOutcome> Handle(SetPayScoreAuthorization command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        VendingUserStream.DecideAsync(command, session, messages, ct);
}

public static class RequestPayScoreAuthorizationHandler
{
    public static Task<CommandOutcome> Handle(RequestPayScoreAuthorization command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        VendingUserStream.DecideAsync(command, session, messages, ct);
}
