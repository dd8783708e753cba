using Cabinets.EventStore.Appending;
using Cabinets.Messaging.Commands;
using Cabinets.Domain.Deciding;
using Cabinets.Messaging.Tests.Sample;
using Cabinets.Testing;

namespace Cabinets.Messaging.Tests.Pipeline;

public sealed class PipelineTests(DatabaseFixture db) : MessagingTestBase(db)
{
    private CommandPipeline<Deposit, Balance> Deposits(IDecider<Deposit, AccountState, AccountEvent>? decider = null) =>
        new(CommandHandler.For<Deposit, Balance>("account.deposit").OnStream(decider ?? Account.Decider, Account.StreamOf),
            Runtime(), [new DepositValidator()]);

    private CommandPipeline<Withdraw, Balance> Withdrawals() =>
        new(CommandHandler.For<Withdraw, Balance>("account.withdraw").OnStream(Account.Decider, Account.StreamOf), Runtime());

    private Deposit NewDeposit(string account, long amount = 100) => new(account, amount, "13800138000", Clock.GetUtcNow());

    [Fact]
    public async Task an_accepted_command_appends_its_events_and_messages_and_answers()
    {
        var account = NewAccountId();

        var result = await Deposits().ExecuteAsync(NewDeposit(account, 100), Teller with { CommandId = "c-1" });

        var accepted = result.ShouldBeOfType<CommandResult<Balance>.Accepted>();
        accepted.Answer.ShouldBe(new Balance(100));
        accepted.Events.Single().Data.ShouldBe(new Deposited(100, Clock.GetUtcNow()));
        (await Store.StreamStateAsync($"account-{account}"))!.Version.ShouldBe(1);
        (await OutboxCountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task actor_correlation_and_causation_pass_through_to_events_and_messages()
    {
        var result = await Deposits().ExecuteAsync(NewDeposit(NewAccountId()), Teller with { CommandId = "c-meta" });

        var metadata = result.ShouldBeOfType<CommandResult<Balance>.Accepted>().Events.Single().Metadata;
        metadata.Actor.ShouldBe(Teller.Actor);
        metadata.CorrelationId.ShouldBe("corr-1");
        metadata.CausationId.ShouldBe("account.deposit:c-meta");
        (await ScalarAsync("select count(*) from msg.outbox where correlation_id = 'corr-1' and causation_id = 'account.deposit:c-meta'"))
            .ShouldBe(1);
    }

    [Fact]
    public async Task a_broken_rule_is_rejected_with_its_stable_code_and_appends_nothing()
    {
        var account = NewAccountId();
        await Deposits().ExecuteAsync(NewDeposit(account, 100), Teller);

        var result = await Withdrawals().ExecuteAsync(new Withdraw(account, 250, Clock.GetUtcNow()), Teller);

        var error = result.ShouldBeOfType<CommandResult<Balance>.Rejected>().Error;
        error.Code.ShouldBe("account.insufficient_funds");
        error.Field.ShouldBe("amount");
        (await Store.StreamStateAsync($"account-{account}"))!.Version.ShouldBe(1);
    }

    [Fact]
    public async Task invalid_input_is_refused_with_field_names_and_changes_nothing()
    {
        var account = NewAccountId();

        var result = await Deposits().ExecuteAsync(new Deposit(account, -5, "not a phone", Clock.GetUtcNow()), Teller with { CommandId = "c-bad" });

        result.ShouldBeOfType<CommandResult<Balance>.Invalid>().Errors.Select(e => e.Field).ShouldBe(["amount", "phone"], ignoreOrder: true);
        (await Store.StreamStateAsync($"account-{account}")).ShouldBeNull();
        (await Store.CommandOutcomeAsync("account.deposit:c-bad")).ShouldBeNull();
        (await OutboxCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task a_repeated_command_id_gets_the_first_answer_and_appends_nothing()
    {
        var account = NewAccountId();
        var pipeline = Deposits();
        await pipeline.ExecuteAsync(NewDeposit(account, 100), Teller with { CommandId = "c-2" });

        var repeat = await pipeline.ExecuteAsync(NewDeposit(account, 100), Teller with { CommandId = "c-2" });

        repeat.ShouldBeOfType<CommandResult<Balance>.Duplicate>().Answer.ShouldBe(new Balance(100));
        (await Store.StreamStateAsync($"account-{account}"))!.Version.ShouldBe(1);
        (await OutboxCountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task a_repeated_rejected_command_gets_the_same_rejection()
    {
        var account = NewAccountId();
        var withdraw = new Withdraw(account, 50, Clock.GetUtcNow());
        await Withdrawals().ExecuteAsync(withdraw, Teller with { CommandId = "w-1" });
        await Deposits().ExecuteAsync(NewDeposit(account, 100), Teller);

        var repeat = await Withdrawals().ExecuteAsync(withdraw, Teller with { CommandId = "w-1" });

        repeat.ShouldBeOfType<CommandResult<Balance>.Duplicate>().Error!.Code.ShouldBe("account.insufficient_funds");
        (await Store.StreamStateAsync($"account-{account}"))!.Version.ShouldBe(1);
    }

    [Fact]
    public async Task two_identical_commands_in_flight_append_once_and_both_get_the_first_answer()
    {
        var account = NewAccountId();
        // Two nodes (two runtimes: within one, commands on a stream take turns): both pass the
        // cheap duplicate check and decide before either commits.
        var gated = new GatedDecider<Deposit, AccountState, AccountEvent>(Account.Decider, parties: 2);
        var nodes = new[] { Deposits(gated), Deposits(gated) };

        var results = await Task.WhenAll(nodes.Select(node =>
            Task.Run(() => node.ExecuteAsync(NewDeposit(account, 100), Teller with { CommandId = "c-race" }))));

        results.OfType<CommandResult<Balance>.Accepted>().Single().Answer.ShouldBe(new Balance(100));
        results.OfType<CommandResult<Balance>.Duplicate>().Single().Answer.ShouldBe(new Balance(100));
        (await Store.StreamStateAsync($"account-{account}"))!.Version.ShouldBe(1);
        (await OutboxCountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task concurrent_commands_on_one_stream_are_all_applied_by_deciding_again()
    {
        var account = NewAccountId();
        await Deposits().ExecuteAsync(NewDeposit(account, 1), Teller);
        var gated = new GatedDecider<Deposit, AccountState, AccountEvent>(Account.Decider, parties: 2);
        var nodes = new[] { Deposits(gated), Deposits(gated) }; // two nodes racing for one stream

        var results = await Task.WhenAll(new[] { 10L, 20L }.Zip(nodes).Select(x =>
            Task.Run(() => x.Second.ExecuteAsync(NewDeposit(account, x.First), Teller))));

        results.ShouldAllBe(r => r is CommandResult<Balance>.Accepted);
        results.Cast<CommandResult<Balance>.Accepted>().Select(a => a.Answer.Amount).Max().ShouldBe(31);
        gated.Calls.ShouldBe(3); // the loser read the winner's event and decided once more
        (await Store.StreamStateAsync($"account-{account}"))!.Version.ShouldBe(3);
        (await OutboxCountAsync()).ShouldBe(3);
    }
}
