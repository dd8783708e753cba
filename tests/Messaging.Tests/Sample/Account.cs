using Cabinets.Domain.Deciding;

namespace Cabinets.Messaging.Tests.Sample;

// A tiny bank account: enough rules to exercise every outcome of the pipeline.
public abstract record AccountCommand(string AccountId);
public sealed record Deposit(string AccountId, long Amount, string Phone, DateTimeOffset Now) : AccountCommand(AccountId);
public sealed record Withdraw(string AccountId, long Amount, DateTimeOffset Now) : AccountCommand(AccountId);

public abstract record AccountEvent;
public sealed record Deposited(long Amount, DateTimeOffset At) : AccountEvent;
public sealed record Withdrawn(long Amount, DateTimeOffset At) : AccountEvent;

public sealed record AccountState(long Balance)
{
    public static AccountState Initial { get; } = new(0);
}

/// <summary>The answer to the caller.</summary>
public sealed record Balance(long Amount);

/// <summary>An outgoing message holding personal data, as SMS will.</summary>
public sealed record ReceiptSms(string Phone, long Amount);

public static class Account
{
    public const long MaxDeposit = 1_000_000;

    public static Decider<AccountCommand, AccountState, AccountEvent> Decider { get; } = new(AccountState.Initial, Evolve, Decide);

    public static AccountState Evolve(AccountState state, AccountEvent e) => e switch
    {
        Deposited d => state with { Balance = state.Balance + d.Amount },
        Withdrawn w => state with { Balance = state.Balance - w.Amount },
        _ => state,
    };

    public static Decision<AccountEvent> Decide(AccountCommand command, AccountState state) => command switch
    {
        Deposit d when d.Amount > MaxDeposit => new DomainError("account.deposit_too_large", "deposits are limited to 10,000 yuan", "amount"),
        Deposit { Amount: 0 } => Decision<AccountEvent>.Accept().AnswerWith(new Balance(state.Balance)), // changes nothing, tells the balance
        Deposit d => Decision<AccountEvent>.Accept(new Deposited(d.Amount, d.Now))
            .Send(new ReceiptSms(d.Phone, d.Amount))
            .AnswerWith(new Balance(state.Balance + d.Amount)),
        Withdraw w when w.Amount > state.Balance =>
            Decision<AccountEvent>.Reject("account.insufficient_funds", "the balance does not cover the withdrawal", "amount"),
        Withdraw w => Decision<AccountEvent>.Accept(new Withdrawn(w.Amount, w.Now)).AnswerWith(new Balance(state.Balance - w.Amount)),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    public static Commands.StreamRef StreamOf(AccountCommand c) => new($"account-{c.AccountId}", "account");
}
