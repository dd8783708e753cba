using Cabinets.Domain.Deciding;

namespace Cabinets.Domain.Vending.Users;

/// <summary>A mini-program user (VENDING.md §1.3) as `vending-user-{userId}` folds it: the sealed openid/phone stay sealed here.</summary>
public sealed record VendingUserState(string UserId, string? Username, string SealedOpenId, string SealedPhone, long TicketBalance,
    bool PayScoreAuthorized, string? AuthorizationCode, DateTimeOffset CreatedAt)
{
    public static VendingUserState? Evolve(VendingUserState? state, object e) => e switch
    {
        VendingUserRegistered r => new(r.UserId, r.Username, r.OpenId, r.Phone, 0, false, null, r.At),
        PayScoreAuthorizationRequested a when state is not null => state with { AuthorizationCode = a.AuthorizationCode },
        Vending.PayScoreAuthorized when state is not null => state with { PayScoreAuthorized = true },
        PayScoreAuthorizationRevoked when state is not null => state with { PayScoreAuthorized = false },
        TicketsDebited d when state is not null => state with { TicketBalance = d.BalanceAfter },
        TicketsCredited c when state is not null => state with { TicketBalance = c.BalanceAfter },
        TicketsAdjusted a when state is not null => state with { TicketBalance = a.BalanceAfter },
        _ => state,
    };
}

public abstract record VendingUserCommand(string UserId, DateTimeOffset Now);

public sealed record RegisterVendingUser(string UserId, string SealedOpenId, string OpenIdHash, string SealedPhone, string PhoneHash, string? Username, DateTimeOffset Now)
    : VendingUserCommand(UserId, Now);
public sealed record RequestPayScoreAuthorization(string UserId, string AuthorizationCode, DateTimeOffset Now) : VendingUserCommand(UserId, Now);
public sealed record SetPayScoreAuthorization(string UserId, bool Authorized, string? AuthorizationCode, DateTimeOffset Now) : VendingUserCommand(UserId, Now);
public sealed record AdjustTickets(string UserId, long Delta, string Reason, DateTimeOffset Now) : VendingUserCommand(UserId, Now);

/// <summary>
/// A user's rules: tickets never go below zero (a debit that does not fit is refused, nothing is
/// debited); admins adjust with a reason; pay-score authorization follows WeChat's callbacks.
/// Debits and credits for payments and refunds are decided with the order (<see cref="Tickets"/>).
/// </summary>
public static class VendingUserDecider
{
    public static Decider<VendingUserCommand, VendingUserState?, object> Instance { get; } = new(null, VendingUserState.Evolve, Decide);

    public static class Errors
    {
        public const string NotFound = "NOT_FOUND";
        public const string BalanceWouldBeNegative = "BALANCE_WOULD_BE_NEGATIVE";
        public const string Validation = "VALIDATION";
    }

    public static Decision<object> Decide(VendingUserCommand command, VendingUserState? state)
    {
        if (command is RegisterVendingUser r)
            return state is not null ? Decision<object>.Accept()
                : Decision<object>.Accept(new VendingUserRegistered(r.UserId, r.SealedOpenId, r.OpenIdHash, r.SealedPhone, r.PhoneHash, r.Username, r.Now));
        if (state is null) return Decision<object>.Reject(Errors.NotFound, $"no user {command.UserId}", "userId");
        return command switch
        {
            RequestPayScoreAuthorization c => Decision<object>.Accept(new PayScoreAuthorizationRequested(c.UserId, c.AuthorizationCode, c.Now)),
            SetPayScoreAuthorization { Authorized: true } c => state.PayScoreAuthorized ? Decision<object>.Accept()
                : Decision<object>.Accept(new PayScoreAuthorized(c.UserId, c.AuthorizationCode ?? state.AuthorizationCode ?? "", c.Now)),
            SetPayScoreAuthorization c => !state.PayScoreAuthorized ? Decision<object>.Accept()
                : Decision<object>.Accept(new PayScoreAuthorizationRevoked(c.UserId, c.Now)),
            AdjustTickets c => Adjust(c, state),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unhandled user command"),
        };
    }

    private static Decision<object> Adjust(AdjustTickets c, VendingUserState state)
    {
        if (c.Delta == 0) return Decision<object>.Reject(Errors.Validation, "must not be 0", "delta");
        if (string.IsNullOrWhiteSpace(c.Reason) || c.Reason.Length > 200) return Decision<object>.Reject(Errors.Validation, "a reason of 1-200 characters is required", "reason");
        var after = state.TicketBalance + c.Delta;
        if (after < 0)
            return Decision<object>.Reject(Errors.BalanceWouldBeNegative, $"the balance is {state.TicketBalance}; {c.Delta} would make it {after}", "delta");
        return Decision<object>.Accept(new TicketsAdjusted(c.UserId, c.Delta, after, c.Reason.Trim(), c.Now));
    }

    /// <summary>Ticket movements decided with an order: a debit that fits, or null (nothing debited: the payment fails).</summary>
    public static class Tickets
    {
        public static TicketsDebited? Debit(VendingUserState user, long tickets, string orderNo, string paymentNo, DateTimeOffset now) =>
            user.TicketBalance >= tickets ? new TicketsDebited(user.UserId, tickets, user.TicketBalance - tickets, orderNo, paymentNo, now) : null;

        public static TicketsCredited Credit(VendingUserState user, long tickets, string orderNo, string refundNo, DateTimeOffset now) =>
            new(user.UserId, tickets, user.TicketBalance + tickets, orderNo, refundNo, now);
    }
}
