using Cabinets.Domain.Deciding;
using Cabinets.EventStore.Appending;
using Cabinets.EventStore.Events;
using Cabinets.Messaging.Commands;
using Cabinets.Messaging.Tests.Sample;
using Cabinets.Testing;

namespace Cabinets.Messaging.Tests.Pipeline;

/// <summary>
/// The pipeline decides on the state this process cached (ADR-0011); a state cached here must
/// still see what others appended, whatever the decision: a write, a refusal or nothing to do.
/// </summary>
public sealed class AggregateCacheTests(DatabaseFixture db) : MessagingTestBase(db)
{
    private CommandPipeline<Deposit, Balance> DepositPipeline(CommandRuntime runtime) => new(
        CommandHandler.For<Deposit, Balance>("account.deposit").OnStream(Account.Decider, Account.StreamOf), runtime);

    private CommandPipeline<Withdraw, Balance> WithdrawPipeline(CommandRuntime runtime) => new(
        CommandHandler.For<Withdraw, Balance>("account.withdraw").OnStream(Account.Decider, Account.StreamOf), runtime);

    private Deposit Deposit(string account, long amount) => new(account, amount, "13800138000", Clock.GetUtcNow());

    // another process (with its own cache) deposits behind this one's back
    private Task DepositElsewhereAsync(string account, long expectedVersion, long amount) =>
        Store.AppendAsync($"account-{account}", "account", ExpectedVersion.Exactly(expectedVersion),
            new EventMetadata(Actor.System), [new Deposited(amount, Clock.GetUtcNow())]);

    [Fact]
    public async Task events_appended_behind_the_cache_are_folded_into_the_next_decision()
    {
        var deposit = DepositPipeline(Runtime());
        var account = NewAccountId();
        await deposit.ExecuteAsync(Deposit(account, 10), Teller);
        await DepositElsewhereAsync(account, 1, 100);

        var result = await deposit.ExecuteAsync(Deposit(account, 1), Teller);

        result.ShouldBeOfType<CommandResult<Balance>.Accepted>().Answer.ShouldBe(new Balance(111));
        (await Store.ReadStreamAsync($"account-{account}")).Select(e => e.Version).ShouldBe([1, 2, 3]);
    }

    [Fact]
    public async Task a_refusal_decided_on_a_stale_cache_is_checked_against_the_store()
    {
        var runtime = Runtime();
        var account = NewAccountId();
        await DepositPipeline(runtime).ExecuteAsync(Deposit(account, 10), Teller);
        await DepositElsewhereAsync(account, 1, 100);

        // the cache alone (balance 10) would refuse this
        var result = await WithdrawPipeline(runtime).ExecuteAsync(new Withdraw(account, 50, Clock.GetUtcNow()), Teller);

        result.ShouldBeOfType<CommandResult<Balance>.Accepted>().Answer.ShouldBe(new Balance(60));
    }

    [Fact]
    public async Task a_decision_to_change_nothing_on_a_stale_cache_is_checked_against_the_store()
    {
        var deposit = DepositPipeline(Runtime());
        var account = NewAccountId();
        await deposit.ExecuteAsync(Deposit(account, 10), Teller);
        await DepositElsewhereAsync(account, 1, 100);

        var result = await deposit.ExecuteAsync(Deposit(account, 0), Teller);

        result.ShouldBeOfType<CommandResult<Balance>.Accepted>().Answer.ShouldBe(new Balance(110));
    }

    [Fact]
    public async Task a_two_stream_decision_that_writes_only_one_checks_the_other_against_the_store()
    {
        // "top up From to To's balance": reads both accounts, writes only From
        var topUp = new CommandPipeline<Transfer, Balance>(CommandHandler.For<Transfer, Balance>("account.top_up").OnStreams(
                Account.Decider, t => new StreamRef($"account-{t.From}", "account"),
                Account.Decider, t => new StreamRef($"account-{t.To}", "account"),
                (t, from, to) => Decision<AccountEvent>.Accept(new Deposited(to.Balance - from.Balance, t.Now)).AnswerWith(new Balance(to.Balance))),
            Runtime());
        var deposit = DepositPipeline(Runtime());
        var (mine, other) = (NewAccountId(), NewAccountId());
        await deposit.ExecuteAsync(Deposit(mine, 1), Teller);
        await deposit.ExecuteAsync(Deposit(other, 10), Teller);
        (await topUp.ExecuteAsync(new Transfer(mine, other, 0, Clock.GetUtcNow()), Teller)).ShouldBeOfType<CommandResult<Balance>.Accepted>();
        await DepositElsewhereAsync(other, 1, 100); // other: 110, behind topUp's cache

        var result = await topUp.ExecuteAsync(new Transfer(mine, other, 0, Clock.GetUtcNow()), Teller);

        result.ShouldBeOfType<CommandResult<Balance>.Accepted>().Answer.ShouldBe(new Balance(110));
        (await Store.ReadStreamAsync($"account-{mine}")).Select(e => ((Deposited)e.Data).Amount).ShouldBe([1L, 9L, 100L]);
    }

    [Fact]
    public async Task after_its_own_commit_the_next_command_on_the_stream_decides_without_reading_it()
    {
        var deposit = DepositPipeline(Runtime());
        var account = NewAccountId();
        await deposit.ExecuteAsync(Deposit(account, 10), Teller);

        var (result, statements) = await SqlStatements.DuringAsync(ConnectionString, () => deposit.ExecuteAsync(Deposit(account, 5), Teller));

        result.ShouldBeOfType<CommandResult<Balance>.Accepted>().Answer.ShouldBe(new Balance(15));
        statements.ShouldNotContain(sql => sql.Contains("from es.events", StringComparison.Ordinal));
        statements.Count(sql => sql.Contains("es.append_events", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task a_process_that_never_saw_the_stream_reads_it_whole_before_deciding()
    {
        var account = NewAccountId();
        await DepositPipeline(Runtime()).ExecuteAsync(Deposit(account, 10), Teller);

        var (result, statements) = await SqlStatements.DuringAsync(ConnectionString,
            () => WithdrawPipeline(Runtime()).ExecuteAsync(new Withdraw(account, 4, Clock.GetUtcNow()), Teller));

        result.ShouldBeOfType<CommandResult<Balance>.Accepted>().Answer.ShouldBe(new Balance(6));
        statements.Count(sql => sql.Contains("from es.events", StringComparison.Ordinal)).ShouldBe(1);
    }
}
