using Cabinets.Domain.Deciding;

namespace Cabinets.Messaging.Tests.Sample;

/// <summary>A decision over two streams: both balances are read, both streams written in one transaction.</summary>
public sealed record Transfer(string From, string To, long Amount, DateTimeOffset Now);

/// <summary>A welcome bonus: the account's deposit plus a new grant stream, which must not exist yet.</summary>
public sealed record Welcome(string AccountId, string Phone, DateTimeOffset Now);

public sealed record WelcomeGranted(string AccountId, DateTimeOffset At) : AccountEvent;

public static class Transfers
{
    public static Decision<AccountEvent> Decide(Transfer t, AccountState from, AccountState to) =>
        t.Amount > from.Balance
            ? Decision<AccountEvent>.Reject("account.insufficient_funds", "the balance does not cover the transfer", "amount")
            : Decision<AccountEvent>.Accept(new Withdrawn(t.Amount, t.Now))
                .AlsoAppend($"account-{t.To}", "account", new Deposited(t.Amount, t.Now))
                .AnswerWith(new Balance(from.Balance - t.Amount));
}

public static class Welcomes
{
    public const long Bonus = 500;

    public static Decider<Welcome, AccountState, AccountEvent> Decider { get; } = new(AccountState.Initial, Account.Evolve, (w, state) =>
        Decision<AccountEvent>.Accept(new Deposited(Bonus, w.Now))
            .AlsoAppend($"welcome-{w.AccountId}", "welcome", new WelcomeGranted(w.AccountId, w.Now))
            .Send(new ReceiptSms(w.Phone, Bonus))
            .AnswerWith(new Balance(state.Balance + Bonus)));
}
