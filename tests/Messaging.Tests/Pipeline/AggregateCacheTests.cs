using Cabinets.EventStore.Appending;
using Cabinets.EventStore.Events;
using Cabinets.Messaging.Commands;
using Cabinets.Messaging.Tests.Sample;
using Cabinets.Testing;

namespace Cabinets.Messaging.Tests.Pipeline;

/// <summary>The pipeline caches folded states; a state cached here must still see what others appended.</summary>
public sealed class AggregateCacheTests(DatabaseFixture db) : MessagingTestBase(db)
{
    [Fact]
    public async Task events_appended_behind_the_cache_are_folded_into_the_next_decision()
    {
        var runtime = Runtime();
        var deposit = new CommandPipeline<Deposit, Balance>(
            CommandHandler.For<Deposit, Balance>("account.deposit").OnStream(Account.Decider, Account.StreamOf), runtime);
        var account = NewAccountId();
        await deposit.ExecuteAsync(new Deposit(account, 10, "13800138000", Clock.GetUtcNow()), Teller);

        // another process (another cache) deposits 100
        await Store.AppendAsync($"account-{account}", "account", ExpectedVersion.Exactly(1),
            new EventMetadata(Actor.System), [new Deposited(100, Clock.GetUtcNow())]);

        var result = await deposit.ExecuteAsync(new Deposit(account, 1, "13800138000", Clock.GetUtcNow()), Teller);
        result.ShouldBeOfType<CommandResult<Balance>.Accepted>().Answer.ShouldBe(new Balance(111));
    }
}
