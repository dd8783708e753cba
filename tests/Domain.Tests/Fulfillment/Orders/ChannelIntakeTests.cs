using Cabinets.Domain.Fulfillment;
using Cabinets.Domain.Fulfillment.Catalog;
using Cabinets.Domain.Fulfillment.Inventory;
using Cabinets.Domain.Fulfillment.Orders;
using Cabinets.Domain.Tests.Fulfillment.Inventory;

namespace Cabinets.Domain.Tests.Fulfillment.Orders;

/// <summary>Intake (§2.1) given an order's history: what a new arrival records and how the shop freeze moves.</summary>
public sealed class ChannelIntakeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 1, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, SalesMaterialState> Catalog = new()
    {
        ["SKU1"] = new("SKU1", "杯", SalesMaterialType.Normal, [new SalesComponent("M1", 1)]),
        ["BOX"] = new("BOX", "礼盒", SalesMaterialType.Bundle, [new SalesComponent("M1", 2), new SalesComponent("M2", 1)]),
    };

    private static ChannelOrderInput Input(DateTimeOffset modified, TradeStatus status = TradeStatus.TradeActive, string digest = "d1", params (string Bn, int Quantity)[] lines) =>
        new("T1", status, PayStatus.Paid, ShipStatus.NotShipped, false, T0, modified, 100, 100, 0, 0,
            lines.Select((l, i) => new ChannelLine($"o{i}", l.Bn, l.Quantity, null, false, 50, 50 * l.Quantity, false)).ToList(), "pd1:sealed", digest, "浙江省", "buyer", null, null, false);

    private static ReceiveChannelOrder Receive(ChannelOrderInput input, string body) => new("S1", input, body, "O1", "O1", Catalog, T0.AddMinutes(1));

    private static (ChannelOrderState? State, StockBook Book) Apply(IntakeChange change, ChannelOrderState? state, StockBook book) =>
        (change.OrderEvents.Aggregate(state, ChannelOrderState.Evolve), book.Apply(change.StockMoves));

    [Fact]
    public void a_first_arrival_freezes_each_material_its_objects_stand_for()
    {
        var book = new StockBook();
        var change = ChannelIntake.Receive(Receive(Input(T0, lines: [("SKU1", 2), ("BOX", 1)]), "h1"), null, book).Events.Single();
        change.Answer.Outcome.ShouldBe(IntakeOutcome.Created);
        var (state, _) = Apply(change, null, book);
        (book.Shop("S1", "M1").Frozen, book.Shop("S1", "M2").Frozen, state!.HoldsShopStock).ShouldBe((4, 1, true));
    }

    [Fact]
    public void later_arrivals_follow_modified_and_move_the_freeze_by_the_difference()
    {
        var book = new StockBook();
        var (state, _) = Apply(ChannelIntake.Receive(Receive(Input(T0, lines: [("SKU1", 2)]), "h1"), null, book).Events.Single(), null, book);
        ChannelIntake.Receive(Receive(Input(T0, lines: [("SKU1", 2)]), "h1"), state, book).Events.Single().Answer.Outcome.ShouldBe(IntakeOutcome.Unchanged);
        ChannelIntake.Receive(Receive(Input(T0.AddSeconds(-1), lines: [("SKU1", 9)]), "h0"), state, book).Events.Single().Answer.Outcome.ShouldBe(IntakeOutcome.IgnoredStale);

        var edited = ChannelIntake.Receive(Receive(Input(T0.AddMinutes(5), digest: "d2", lines: [("SKU1", 1), ("BOX", 1)]), "h2"), state, book).Events.Single();
        edited.Answer.Outcome.ShouldBe(IntakeOutcome.Updated);
        edited.OrderEvents.OfType<OrderConsigneeChanged>().ShouldHaveSingleItem();
        (state, _) = Apply(edited, state, book);
        (book.Shop("S1", "M1").Frozen, book.Shop("S1", "M2").Frozen).ShouldBe((3, 1)); // 2 → 1 + 2

        var closed = ChannelIntake.Receive(Receive(Input(T0.AddMinutes(9), TradeStatus.TradeClosed, "d2", ("SKU1", 1), ("BOX", 1)), "h3"), state, book).Events.Single();
        (state, _) = Apply(closed, state, book);
        (state!.ProcessStatus, book.Shop("S1", "M1").Frozen, book.Shop("S1", "M2").Frozen).ShouldBe((ProcessStatus.Cancelled, 0, 0));
        ChannelIntake.Receive(Receive(Input(T0.AddMinutes(20), lines: [("SKU1", 5)]), "h4"), state, book).Events.Single().Answer.Outcome.ShouldBe(IntakeOutcome.IgnoredFinal);
    }

    [Fact]
    public void an_unknown_bn_fails_the_order_without_freezing_and_an_edit_that_adds_one_releases_what_was_frozen()
    {
        var book = new StockBook();
        var failed = ChannelIntake.Receive(Receive(Input(T0, lines: [("SKU1", 1), ("NOPE", 1)]), "h1"), null, book).Events.Single();
        failed.OrderEvents.OfType<OrderMarkedFailed>().Single().UnmatchedBns.ShouldBe(["NOPE"]);
        failed.StockMoves.ShouldBeEmpty();

        var (state, _) = Apply(ChannelIntake.Receive(Receive(Input(T0, lines: [("SKU1", 2)]), "h1"), null, book).Events.Single(), null, book);
        var broken = ChannelIntake.Receive(Receive(Input(T0.AddMinutes(1), lines: [("SKU1", 2), ("NOPE", 1)]), "h2"), state, book).Events.Single();
        Apply(broken, state, book).State!.IsFail.ShouldBeTrue();
        book.Shop("S1", "M1").Frozen.ShouldBe(0);
    }
}
