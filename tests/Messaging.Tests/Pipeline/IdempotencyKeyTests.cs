using Cabinets.Messaging.Commands;
using Cabinets.Messaging.Tests.Sample;
using Cabinets.Testing;

namespace Cabinets.Messaging.Tests.Pipeline;

public sealed class IdempotencyKeyTests(DatabaseFixture db) : MessagingTestBase(db)
{
    [Fact]
    public async Task a_natural_key_makes_a_repeat_without_a_command_id_a_duplicate()
    {
        // Like the vendor's wheat_order_no: the command itself says which push it is.
        var pipeline = new CommandPipeline<Deposit, Balance>(CommandHandler.For<Deposit, Balance>("account.deposit")
            .IdempotentBy(d => $"{d.AccountId}@{d.Now:O}")
            .OnStream(Account.Decider, Account.StreamOf), Runtime());
        var deposit = new Deposit(NewAccountId(), 40, "13800138000", Clock.GetUtcNow());

        (await pipeline.ExecuteAsync(deposit, Teller)).ShouldBeOfType<CommandResult<Balance>.Accepted>();
        var repeat = await pipeline.ExecuteAsync(deposit, Teller);

        repeat.ShouldBeOfType<CommandResult<Balance>.Duplicate>().Answer.ShouldBe(new Balance(40));
        (await Store.StreamStateAsync($"account-{deposit.AccountId}"))!.Version.ShouldBe(1);
    }

    [Fact]
    public async Task the_same_command_id_on_two_different_commands_does_not_collide()
    {
        var account = NewAccountId();
        var deposits = new CommandPipeline<Deposit, Balance>(
            CommandHandler.For<Deposit, Balance>("account.deposit").OnStream(Account.Decider, Account.StreamOf), Runtime());
        var withdrawals = new CommandPipeline<Withdraw, Balance>(
            CommandHandler.For<Withdraw, Balance>("account.withdraw").OnStream(Account.Decider, Account.StreamOf), Runtime());

        await deposits.ExecuteAsync(new Deposit(account, 100, "13800138000", Clock.GetUtcNow()), Teller with { CommandId = "k-1" });
        var result = await withdrawals.ExecuteAsync(new Withdraw(account, 30, Clock.GetUtcNow()), Teller with { CommandId = "k-1" });

        result.ShouldBeOfType<CommandResult<Balance>.Accepted>().Answer.ShouldBe(new Balance(70));
    }
}
