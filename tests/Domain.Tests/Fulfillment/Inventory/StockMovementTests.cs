using Cabinets.Domain.Fulfillment;
using Cabinets.Domain.Fulfillment.Catalog;
using Cabinets.Domain.Fulfillment.Inventory;

namespace Cabinets.Domain.Tests.Fulfillment.Inventory;

/// <summary>FULFILLMENT.md §2.9, step by step: given the stock, when a business step runs, then these quantities move (or nothing, with the error).</summary>
public sealed class StockMovementTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    private static StockLine[] Lines(params (string Material, int Quantity)[] lines) => lines.Select(l => new StockLine(l.Material, l.Quantity)).ToArray();

    /// <summary>Branch B1 holding <paramref name="onHand"/> of M1, received through a purchase receipt.</summary>
    private static StockBook Stocked(int onHand, string branch = "B1", string material = "M1")
    {
        var book = new StockBook();
        book.Apply(StockMovements.InTransitAdded(branch, "PR1", Lines((material, onHand)), Now));
        return book.Apply(StockMovements.Received(book, branch, "PR1", Lines((material, onHand)), Now));
    }

    [Fact]
    public void a_purchase_receipt_puts_units_in_transit_when_approved_and_on_hand_when_received()
    {
        var book = new StockBook().Apply(StockMovements.InTransitAdded("B1", "PR1", Lines(("M1", 10)), Now));
        book.Branch("B1", "M1").ShouldBe(new BranchStockState("B1", "M1", 0, 10, 0));
        var received = StockMovements.Received(book, "B1", "PR1", Lines(("M1", 4)), Now);
        received.Select(m => m.Event).ShouldBe([
            new StockReceived("B1", "M1", 4, StockLedgerType.PurchaseIn, "PR1", 4, Now),
            new StockInTransitRemoved("B1", "M1", 4, "PR1", InTransitCause.Received, Now)]);
        book.Apply(received).Branch("B1", "M1").ShouldBe(new BranchStockState("B1", "M1", 4, 6, 0));
        book.Apply(StockMovements.InTransitCancelled(book, "B1", "PR1", Lines(("M1", 6)), Now)).Branch("B1", "M1").InTransit.ShouldBe(0);
    }

    [Fact]
    public void an_order_freezes_shop_stock_and_its_review_moves_the_freeze_to_the_branch()
    {
        var book = Stocked(10);
        book.Apply(StockMovements.FreezeForShop("S1", "O1", Lines(("M1", 2), ("M1", 1)), ShopFreezeCause.OrderCreated, Now).Events);
        book.Shop("S1", "M1").Frozen.ShouldBe(3); // lines of one material move its stream once

        var reviewed = StockMovements.DeliveryCreated(book, "S1", "B1", "O1", "D1", Lines(("M1", 3)), Now);
        reviewed.Events.Select(m => m.Event).ShouldBe([
            new ShopStockReleased("S1", "M1", 3, "O1", ShopReleaseCause.DeliveryCreated, Now),
            new BranchStockFrozen("B1", "M1", 3, StockDocumentType.Delivery, "D1", Now)]);
        book.Apply(reviewed.Events);
        (book.Shop("S1", "M1").Frozen, book.Branch("B1", "M1").BranchFreeze, book.Branch("B1", "M1").Available).ShouldBe((0, 3, 7));
    }

    [Fact]
    public void review_refuses_a_branch_without_the_units_available_and_moves_nothing()
    {
        var book = Stocked(3);
        book.Apply(StockMovements.DeliveryCreated(book, "S1", "B1", "O1", "D1", Lines(("M1", 2)), Now).Events);
        var second = StockMovements.DeliveryCreated(book, "S1", "B1", "O2", "D2", Lines(("M1", 2)), Now);
        second.Error!.Code.ShouldBe(FulfillmentErrors.InsufficientStock);
        second.Error.Message.ShouldContain("1 of M1 available, 2 needed");
        second.Events.ShouldBeEmpty();
    }

    [Fact]
    public void consigning_issues_the_units_with_a_sales_out_entry_and_releases_the_branch_freeze()
    {
        var book = Stocked(10);
        book.Apply(StockMovements.DeliveryCreated(book, "S1", "B1", "O1", "D1", Lines(("M1", 3)), Now).Events);
        var consigned = StockMovements.Consigned(book, "B1", "D1", Lines(("M1", 3)), Now);
        consigned.Events.Select(m => m.Event).ShouldBe([
            new StockIssued("B1", "M1", 3, StockLedgerType.SalesOut, "D1", 7, Now),
            new BranchStockReleased("B1", "M1", 3, StockDocumentType.Delivery, "D1", BranchReleaseCause.Consigned, Now)]);
        book.Apply(consigned.Events).Branch("B1", "M1").ShouldBe(new BranchStockState("B1", "M1", 7, 0, 0));
        StockMovements.Consigned(book, "B1", "D1", Lines(("M1", 3)), Now).Error!.Code.ShouldBe(FulfillmentErrors.InvalidState); // nothing held any more
    }

    [Theory]
    [InlineData(BranchReleaseCause.Cancelled, ShopFreezeCause.DeliveryCancelled)]
    [InlineData(BranchReleaseCause.Revoked, ShopFreezeCause.DeliveryRevoked)]
    [InlineData(BranchReleaseCause.Rejected, ShopFreezeCause.DeliveryRejected)]
    public void a_closed_delivery_gives_its_units_back_to_the_shop(BranchReleaseCause cause, ShopFreezeCause freeze)
    {
        var book = Stocked(10);
        book.Apply(StockMovements.DeliveryCreated(book, "S1", "B1", "O1", "D1", Lines(("M1", 4)), Now).Events);
        var closed = StockMovements.DeliveryClosed(book, "S1", "B1", "O1", "D1", Lines(("M1", 4)), cause, Now);
        closed.Events.Select(m => m.Event).ShouldBe([
            new BranchStockReleased("B1", "M1", 4, StockDocumentType.Delivery, "D1", cause, Now),
            new ShopStockFrozen("S1", "M1", 4, "O1", freeze, Now)]);
        book.Apply(closed.Events);
        (book.Branch("B1", "M1").BranchFreeze, book.Shop("S1", "M1").Frozen, book.Branch("B1", "M1").OnHand).ShouldBe((0, 4, 10));
    }

    [Fact]
    public void a_cancelled_order_releases_what_its_shop_still_holds_and_never_more()
    {
        var book = new StockBook().Apply(StockMovements.FreezeForShop("S1", "O1", Lines(("M1", 2)), ShopFreezeCause.OrderCreated, Now).Events);
        StockMovements.ReleaseForShop(book, "S1", "O1", Lines(("M1", 3)), ShopReleaseCause.OrderCancelled, Now).Error!.Code.ShouldBe(FulfillmentErrors.InvalidState);
        book.Apply(StockMovements.ReleaseForShop(book, "S1", "O1", Lines(("M1", 2)), ShopReleaseCause.OrderCancelled, Now).Events).Shop("S1", "M1").Frozen.ShouldBe(0);
    }

    [Fact]
    public void a_transfer_out_freezes_from_what_is_available_and_its_completion_issues_it()
    {
        var book = Stocked(5);
        StockMovements.OutboundApproved(book, "B1", "T1", StockDocumentType.TransferOut, Lines(("M1", 6)), Now).Error!.Code.ShouldBe(FulfillmentErrors.InsufficientStock);
        book.Apply(StockMovements.OutboundApproved(book, "B1", "T1", StockDocumentType.TransferOut, Lines(("M1", 5)), Now).Events);
        book.Apply(StockMovements.OutboundCompleted(book, "B1", "T1", StockDocumentType.TransferOut, Lines(("M1", 5)), Now).Events);
        book.Branch("B1", "M1").ShouldBe(new BranchStockState("B1", "M1", 0, 0, 0));
        book.Events.OfType<StockIssued>().Single().LedgerType.ShouldBe(StockLedgerType.TransferOut);
    }
}
