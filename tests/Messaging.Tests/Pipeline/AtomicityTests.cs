using Cabinets.Messaging.Commands;
using Cabinets.Messaging.Tests.Sample;
using Cabinets.Testing;

namespace Cabinets.Messaging.Tests.Pipeline;

/// <summary>Events, outbox messages and further streams commit together or not at all.</summary>
public sealed class AtomicityTests(DatabaseFixture db) : MessagingTestBase(db)
{
    private CommandPipeline<Welcome, Balance> Welcomes(int maxAttempts = 3) =>
        new(CommandHandler.For<Welcome, Balance>("account.welcome").OnStream(Sample.Welcomes.Decider, w => new StreamRef($"account-{w.AccountId}", "account")),
            Runtime(maxAttempts));

    private CommandPipeline<Transfer, Balance> Transfers() =>
        new(CommandHandler.For<Transfer, Balance>("account.transfer").OnStreams(
                Account.Decider, t => new StreamRef($"account-{t.From}", "account"),
                Account.Decider, t => new StreamRef($"account-{t.To}", "account"),
                Sample.Transfers.Decide),
            Runtime());

    [Fact]
    public async Task a_decision_writes_its_own_stream_and_a_new_one_in_one_transaction()
    {
        var account = NewAccountId();

        var result = await Welcomes().ExecuteAsync(new Welcome(account, "13800138000", Clock.GetUtcNow()), Teller);

        result.ShouldBeOfType<CommandResult<Balance>.Accepted>().Events.Select(e => e.StreamId)
            .ShouldBe([$"account-{account}", $"welcome-{account}"], ignoreOrder: true);
        (await OutboxCountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task when_the_append_fails_no_message_is_written()
    {
        var account = NewAccountId();
        await Welcomes().ExecuteAsync(new Welcome(account, "13800138000", Clock.GetUtcNow()), Teller);
        var before = await OutboxCountAsync();

        // The grant stream exists now: every attempt conflicts, so nothing may commit.
        var result = await Welcomes(maxAttempts: 3).ExecuteAsync(new Welcome(account, "13800138000", Clock.GetUtcNow()), Teller);

        var conflict = result.ShouldBeOfType<CommandResult<Balance>.Conflict>();
        conflict.StreamId.ShouldBe($"welcome-{account}");
        conflict.Attempts.ShouldBe(3);
        (await OutboxCountAsync()).ShouldBe(before);
        (await Store.StreamStateAsync($"account-{account}"))!.Version.ShouldBe(1);
    }

    [Fact]
    public async Task a_command_on_an_archived_stream_is_rejected_and_sends_nothing()
    {
        var account = NewAccountId();
        await Welcomes().ExecuteAsync(new Welcome(account, "13800138000", Clock.GetUtcNow()), Teller);
        await Store.ArchiveStreamAsync($"account-{account}");
        var deposit = new CommandPipeline<Deposit, Balance>(
            CommandHandler.For<Deposit, Balance>("account.deposit").OnStream(Account.Decider, Account.StreamOf), Runtime());

        var result = await deposit.ExecuteAsync(new Deposit(account, 5, "13800138000", Clock.GetUtcNow()), Teller);

        result.ShouldBeOfType<CommandResult<Balance>.Rejected>().Error.Code.ShouldBe("stream.archived");
        (await OutboxCountAsync()).ShouldBe(1); // the welcome's receipt only
    }

    [Fact]
    public async Task a_decision_over_two_streams_reads_both_and_writes_both()
    {
        var (from, to) = (NewAccountId(), NewAccountId());
        await Welcomes().ExecuteAsync(new Welcome(from, "13800138000", Clock.GetUtcNow()), Teller);

        var result = await Transfers().ExecuteAsync(new Transfer(from, to, 200, Clock.GetUtcNow()), Teller);

        result.ShouldBeOfType<CommandResult<Balance>.Accepted>().Answer.ShouldBe(new Balance(Sample.Welcomes.Bonus - 200));
        (await Store.StreamStateAsync($"account-{from}"))!.Version.ShouldBe(2);
        (await Store.StreamStateAsync($"account-{to}"))!.Version.ShouldBe(1);
    }

    [Fact]
    public async Task a_two_stream_decision_that_breaks_a_rule_writes_neither()
    {
        var (from, to) = (NewAccountId(), NewAccountId());

        var result = await Transfers().ExecuteAsync(new Transfer(from, to, 1, Clock.GetUtcNow()), Teller);

        result.ShouldBeOfType<CommandResult<Balance>.Rejected>().Error.Code.ShouldBe("account.insufficient_funds");
        (await Store.StreamStateAsync($"account-{from}")).ShouldBeNull();
        (await Store.StreamStateAsync($"account-{to}")).ShouldBeNull();
    }
}
