using Cabinets.Domain.Fulfillment;
using Cabinets.Domain.Fulfillment.Catalog;
using Cabinets.Domain.Fulfillment.Inventory;
using Cabinets.Domain.Fulfillment.Orders;
using Cabinets.Domain.Tests.Fulfillment.Inventory;

namespace Cabinets.Domain.Tests.Fulfillment.Orders;

/// <summary>An order after intake (§2.7, §2.11-2.14): review, the warehouse's steps, cancel and pause, each given the state before it.</summary>
public sealed class OrderLifeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 1, 0, 0, TimeSpan.Zero);
    private static readonly BranchState B1 = new("B1", "仓", WmsType.Own, null, true, BranchRole.Shipping, ["S1"], "EMS");
    private static readonly Dictionary<string, SalesMaterialState> Catalog = new() { ["SKU1"] = new("SKU1", "杯", SalesMaterialType.Normal, [new SalesComponent("M1", 1)]) };

    /// <summary>B1 holding <paramref name="stock"/> of M1 and order O1 (SKU1 × 3) frozen for shop S1.</summary>
    private static (ChannelOrderState Order, StockBook Book) Given(int stock = 10)
    {
        var book = new StockBook();
        book.Apply(StockMovements.InTransitAdded("B1", "PR1", [new StockLine("M1", stock)], T0));
        book.Apply(StockMovements.Received(book, "B1", "PR1", [new StockLine("M1", stock)], T0));
        var input = new ChannelOrderInput("T1", TradeStatus.TradeActive, PayStatus.Paid, ShipStatus.NotShipped, false, T0, T0, 300, 300, 0, 0,
            [new ChannelLine("o1", "SKU1", 3, null, false, 100, 300, false)], "pd1:sealed", "d", null, null, null, null, false);
        var change = ChannelIntake.Receive(new ReceiveChannelOrder("S1", input, "h", "O1", "O1", Catalog, T0), null, book).Events.Single();
        book.Apply(change.StockMoves);
        return (change.OrderEvents.Aggregate((ChannelOrderState?)null, ChannelOrderState.Evolve)!, book);
    }

    private static (ChannelOrderState Order, DeliveryState Delivery) Reviewed(ChannelOrderState order, StockBook book)
    {
        var change = OrderReview.Review(new ReviewOrder("O1", "B1", null, B1, "D1", "D1", new Dictionary<string, string?> { ["M1"] = "690011" }, T0), order, book).Events.Single();
        book.Apply(change.StockMoves);
        return (Fold(order, change.OrderEvents), change.DeliveryEvents.Aggregate((DeliveryState?)null, DeliveryState.Evolve)!);
    }

    private static ChannelOrderState Fold(ChannelOrderState order, IEnumerable<object> events) => events.Aggregate(order, (s, e) => ChannelOrderState.Evolve(s, e)!);

    private static DeliveryState Apply(DeliveryState d, IEnumerable<object> events) => events.Aggregate(d, (s, e) => DeliveryState.Evolve(s, e)!);

    [Fact]
    public void review_takes_the_branchs_default_logistics_and_refuses_a_short_branch_and_a_paused_order()
    {
        var (order, book) = Given(stock: 2);
        OrderReview.Review(new ReviewOrder("O1", "B1", null, B1, "D1", "D1", new Dictionary<string, string?>(), T0), order, book).Error!.Code.ShouldBe(FulfillmentErrors.InsufficientStock);
        var paused = Fold(order, OrderChanges.Pause(order, [], null, T0).Events.Single().OrderEvents);
        OrderReview.Review(new ReviewOrder("O1", "B1", null, B1, "D1", "D1", new Dictionary<string, string?>(), T0), paused, Given().Book).Error!.Message.ShouldContain("paused");

        var (stocked, full) = Given();
        var (_, delivery) = Reviewed(stocked, full);
        (delivery.LogisticsCode, delivery.Lines.Single().Barcode, delivery.Lines.Single().Number).ShouldBe(("EMS", "690011", 3));
    }

    [Fact]
    public void a_delivery_is_printed_when_every_required_document_is_then_verified_scan_by_scan_then_consigned_once()
    {
        var (order, book) = Given();
        var (reviewed, d) = Reviewed(order, book);
        d = Apply(d, DeliveryOperations.AssignLogisticsNo(d, "D1", "EMS1", false, T0).Events);
        DeliveryOperations.VerifyItem(d, "EMS1", "690011", T0).Error!.Code.ShouldBe(DeliveryOperations.NotPrinted);
        d = Apply(d, DeliveryOperations.Print(d, "D1", PrintDocuments.StockList | PrintDocuments.DeliveryNote, PrintDocuments.All, "op-61204-0001_01", "op", T0).Events);
        (d.PrintStatus, d.Printed).ShouldBe((PrintDocuments.StockList | PrintDocuments.DeliveryNote, false));
        d = Apply(d, DeliveryOperations.Print(d, "D1", PrintDocuments.ExpressLabel, PrintDocuments.All, "op-61204-0002_01", "op", T0).Events);
        (d.PrintStatus, d.ProcessStatus).ShouldBe((PrintDocuments.All, 1));

        DeliveryOperations.VerifyItem(d, "EMS1", "000", T0).Error!.Code.ShouldBe(DeliveryOperations.BarcodeNotInDelivery);
        for (var i = 0; i < 3; i++) d = Apply(d, DeliveryOperations.VerifyItem(d, "EMS1", "690011", T0).Events);
        (d.VerifiedOf("D1-1"), d.ProcessStatus).ShouldBe((3, 3));

        var consigned = DeliveryOperations.Consign(d, reviewed, "EMS1", 500, book, T0).Events.Single();
        book.Apply(consigned.StockMoves);
        (book.Branch("B1", "M1").OnHand, book.Branch("B1", "M1").BranchFreeze).ShouldBe((7, 0));
        Fold(reviewed, consigned.OrderEvents).State.ShouldBe(OrderLifecycle.Finished);
        DeliveryOperations.Consign(Apply(d, consigned.DeliveryEvents), reviewed, "EMS1", null, book, T0).Error!.Code.ShouldBe(DeliveryOperations.AlreadyShipped);
    }

    [Fact]
    public void cancelling_a_reviewed_order_closes_its_delivery_returns_the_units_to_the_shop_and_releases_them()
    {
        var (order, book) = Given();
        var (reviewed, d) = Reviewed(order, book);
        var cancel = OrderChanges.Cancel(reviewed, [d], book, "买家取消", T0).Events.Single();
        cancel.DeliveryEvents.ShouldHaveSingleItem().Event.ShouldBe(new DeliveryClosed("D1", DeliveryCloseReason.Cancelled, T0));
        book.Apply(cancel.StockMoves);
        (book.Branch("B1", "M1").BranchFreeze, book.Shop("S1", "M1").Frozen, book.Branch("B1", "M1").OnHand).ShouldBe((0, 0, 10));
        book.Events.OfType<ShopStockFrozen>().Last().Cause.ShouldBe(ShopFreezeCause.DeliveryCancelled); // history: given back to the shop, then released
        book.Events.OfType<ShopStockReleased>().Last().Cause.ShouldBe(ShopReleaseCause.OrderCancelled);
    }
}
