using Cabinets.Testing;

namespace Cabinets.EventStore.Tests.Daemon;

/// <summary>A long writing transaction holds every projection back (lag, never loss), and the daemon says which one.</summary>
[Collection(XminHolders.Name)]
public sealed class HorizonTests(DatabaseFixture db) : DaemonTestBase(db)
{
    [Fact]
    public async Task an_open_writing_transaction_is_reported_as_the_horizon_holder_and_its_lag_is_counted()
    {
        var daemon = await StartDaemonAsync(new RecordingProjection("recorder"));
        await using var held = await DataSource.OpenConnectionAsync();
        await using var heldTx = await held.BeginTransactionAsync();
        await RawAppendAsync(held, heldTx, NewStreamId(), 1);

        var later = NewStreamId();
        await AppendManyAsync(later, 5); // committed, but newer than the open transaction

        var horizon = await daemon.GetHorizonAsync();
        horizon.Oldest.ShouldNotBeNull().Pid.ShouldBe(held.ProcessID);
        horizon.EventsHeldBack.ShouldBe(5);
        (await daemon.GetStatusAsync("recorder")).LagEvents.ShouldBe(5);
        (await ScalarAsync($"select count(*) from rm.recorder where stream_id = '{later}'")).ShouldBe(0);

        await heldTx.CommitAsync();
        await daemon.WaitForCatchUpAsync("recorder", Patience);
        (await ScalarAsync($"select count(*) from rm.recorder where stream_id = '{later}'")).ShouldBe(5);
        (await daemon.GetStatusAsync("recorder")).LagEvents.ShouldBe(0);
        (await daemon.GetHorizonAsync()).EventsHeldBack.ShouldBe(0);
    }
}
