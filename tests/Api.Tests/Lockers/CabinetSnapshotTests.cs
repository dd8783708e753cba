using System.Collections.Immutable;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Projections.Lockers.Cabinets;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Cabinets.Api.Tests.Lockers;

/// <summary>The compact snapshot row (ADR-0018) stands for exactly the state it was made from.</summary>
public sealed class CabinetSnapshotTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    public static TheoryData<DoorSize, bool, bool> EveryKind()
    {
        var data = new TheoryData<DoorSize, bool, bool>();
        foreach (var size in Enum.GetValues<DoorSize>())
        foreach (var insulated in new[] { false, true })
        foreach (var vertical in new[] { false, true })
            data.Add(size, insulated, vertical);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void every_door_kind_round_trips(DoorSize size, bool insulated, bool vertical)
    {
        var attributes = new DoorAttributes(size, insulated, vertical);
        CabinetSnapshot.AttributesOf(CabinetSnapshot.KindOf(attributes)).ShouldBe(attributes);
    }

    [Fact]
    public async Task a_60_door_bank_is_stored_under_the_toast_threshold_and_reads_back_the_same_state()
    {
        var doors = Enumerable.Range(1, 60).ToImmutableDictionary(d => d,
            d => new DoorState(d % 3, new DoorAttributes((DoorSize)(d % 3), d % 2 == 0, d % 5 == 0), d % 4 == 0));
        var state = new CabinetState(true, new Site("广东省", "深圳市", "南山区", "粤海街道", "科技园", "阳光小区", "3号楼东侧"), "快递柜", [1, 2], doors);
        var store = api.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            session.Store(new CabinetSnapshot { Id = "snapshot-test", State = state });
            await session.SaveChangesAsync();
        }

        await using var query = store.QuerySession();
        var read = (await query.LoadAsync<CabinetSnapshot>("snapshot-test"))!.State;
        read.Provisioned.ShouldBeTrue();
        read.Site.ShouldBe(state.Site);
        read.Type.ShouldBe(state.Type);
        read.SubCabinets.ShouldBe(state.SubCabinets);
        read.Doors.OrderBy(d => d.Key).ShouldBe(state.Doors.OrderBy(d => d.Key));
        var bytes = await query.QueryAsync<int>("select octet_length(data::text) from mt_doc_cabinetsnapshot where id = ?", "snapshot-test");
        bytes.Single().ShouldBeLessThan(2048);
    }
}
