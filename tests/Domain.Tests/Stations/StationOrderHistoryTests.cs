using Cabinets.Domain.Deciding;
using Cabinets.Domain.Stations;
using Cabinets.Domain.Stations.Orders;
using Cabinets.Domain.Stations.TaxRules;

namespace Cabinets.Domain.Tests.Stations;

/// <summary>V1 order events read through the upcaster (TAX.md §1.8, scenario 12).</summary>
public sealed class StationOrderHistoryTests : StationOrderSpecs
{
    // ---- history (§1.8), scenario 12 ----

    [Theory]
    [InlineData(0, false)]
    [InlineData(1300, true)]
    [InlineData(4500, true)]
    public void a_v1_line_is_set_exactly_when_its_rate_is_not_0(int taxRate, bool isSet)
    {
        var line = StationOrderEventsV1.Upcast(new StationOrderEventsV1.Line(Milk, "C2473562", 1m, 1184, false, "备注", taxRate));
        line.ShouldBe(new StationOrderLine(Milk, "C2473562", 1m, 1184, false, "备注", taxRate, isSet, null, null));
    }

    [Fact]
    public void a_v1_created_event_folds_with_the_stored_time_as_capture_time()
    {
        var at = new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);
        var storedAt = at.AddSeconds(3);
        var v1 = new StationOrderEventsV1.StationOrderCreated(OrderId, Station, Merchant, MerchantUid, Begin, End, "ST1", "旧单", null, 1,
            [new StationOrderEventsV1.Line(Milk, "C2473562", 1m, 1184, false, null, 0), new StationOrderEventsV1.Line(Other, "C1969177", 2m, 1503, false, null, 1300)], at);

        var upcast = StationOrderEventsV1.Upcast(v1);
        upcast.OrderId.ShouldBe(OrderId);
        upcast.Remark.ShouldBe("旧单");
        upcast.At.ShouldBe(at);
        upcast.Lines.Select(l => (l.TaxRate, l.IsSetTax, l.TaxRuleId, l.RateCapturedAt)).ShouldBe(
            [(0, false, (int?)null, (DateTimeOffset?)null), (1300, true, (int?)null, (DateTimeOffset?)null)]);

        var state = StationOrderState.Evolve(null, upcast, storedAt).ShouldNotBeNull();
        state.Lines.Select(l => l.RateCapturedAt).ShouldBe([storedAt, storedAt]);
        state.Lines.Select(l => l.IsSetTax).ShouldBe([false, true]);
        state.Lines.Select(l => l.TaxRate).ShouldBe([0, 1300]);

        // without a stored time the event's own time stands in
        StationOrderState.Evolve(null, upcast).ShouldNotBeNull().Lines.Select(l => l.RateCapturedAt).ShouldBe([at, at]);
    }

    [Fact]
    public void a_v1_edited_event_upcasts_its_added_and_changed_lines()
    {
        var at = new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);
        var storedAt = at.AddSeconds(1);
        var createdV1 = new StationOrderEventsV1.StationOrderCreated(OrderId, Station, Merchant, MerchantUid, Begin, End, "ST1", null, null, 1,
            [new StationOrderEventsV1.Line(Milk, "C2473562", 1m, 1184, false, null, 4500)], at.AddHours(-1));
        var editedV1 = new StationOrderEventsV1.StationOrderEdited(OrderId, StationOrderEditMode.Replace, null, null, null,
            [new StationOrderEventsV1.Line(Beans, "C2723984", 1m, 100, false, null, 0)],
            [new StationOrderEventsV1.Line(Milk, "C2473562", 2m, 1184, false, null, 1300)], [], [], at);

        var edited = StationOrderEventsV1.Upcast(editedV1);
        edited.Added.ShouldHaveSingleItem().ShouldSatisfyAllConditions(l => l.IsSetTax.ShouldBeFalse(), l => l.TaxRuleId.ShouldBeNull(), l => l.RateCapturedAt.ShouldBeNull());
        edited.Changed.ShouldHaveSingleItem().ShouldSatisfyAllConditions(l => l.IsSetTax.ShouldBeTrue(), l => l.TaxRuleId.ShouldBeNull(), l => l.RateCapturedAt.ShouldBeNull());

        var state = StationOrderState.Evolve(StationOrderState.Evolve(null, StationOrderEventsV1.Upcast(createdV1), at.AddHours(-1)), edited, storedAt).ShouldNotBeNull();
        LineOf(state, Milk).ShouldBe(new StationOrderLine(Milk, "C2473562", 2m, 1184, false, null, 1300, true, null, storedAt));
        LineOf(state, Beans).ShouldBe(new StationOrderLine(Beans, "C2723984", 1m, 100, false, null, 0, false, null, storedAt));
    }

    [Fact]
    public void a_v2_line_keeps_its_own_capture_time_when_folded_with_a_stored_time()
    {
        var created = Scenario3Order();
        StationOrderState.Evolve(null, created, Later).ShouldNotBeNull().Lines.ShouldHaveSingleItem().RateCapturedAt.ShouldBe(Now);
    }
}
