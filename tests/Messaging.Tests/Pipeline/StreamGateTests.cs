using Cabinets.Messaging.Commands;
using Cabinets.Messaging.Tests.Sample;
using Cabinets.Testing;

namespace Cabinets.Messaging.Tests.Pipeline;

/// <summary>Within one node, commands on one stream take turns: none loses at the append.</summary>
public sealed class StreamGateTests(DatabaseFixture db) : MessagingTestBase(db)
{
    [Fact]
    public async Task concurrent_commands_on_one_stream_in_one_node_decide_once_each()
    {
        var account = NewAccountId();
        var counting = new GatedDecider<Deposit, AccountState, AccountEvent>(Account.Decider, parties: 1);
        var deposits = new CommandPipeline<Deposit, Balance>(
            CommandHandler.For<Deposit, Balance>("account.deposit").OnStream(counting, Account.StreamOf), Runtime());

        var results = await Task.WhenAll(Enumerable.Range(1, 20).Select(i =>
            Task.Run(() => deposits.ExecuteAsync(new Deposit(account, i, "13800138000", Clock.GetUtcNow()), Teller))));

        results.ShouldAllBe(r => r is CommandResult<Balance>.Accepted);
        counting.Calls.ShouldBe(20); // no command had to decide again after losing a race
        (await Store.StreamStateAsync($"account-{account}"))!.Version.ShouldBe(20);
    }
}
