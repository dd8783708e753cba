using Cabinets.Domain.Deciding;
using Cabinets.Domain.Fulfillment;
using Cabinets.Domain.Fulfillment.Catalog;
using Cabinets.Domain.Fulfillment.Inventory;
using Cabinets.Domain.Fulfillment.Purchasing;
using Cabinets.Domain.Tests.Fulfillment.Inventory;

namespace Cabinets.Domain.Tests.Fulfillment.Purchasing;

/// <summary>Purchase receipts (§2.15): given a receipt, when it is approved, received or cancelled, then these receipt events and stock moves.</summary>
public sealed class PurchaseReceiptDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly BranchState B1 = new("B1", "一号仓", WmsType.Own, null, true, BranchRole.Shipping, ["S1"], null);
    private static readonly HashSet<string> Known = ["M1", "M2"];

    private static PurchaseReceiptState? Fold(params object[] events) => events.Aggregate((PurchaseReceiptState?)null, PurchaseReceiptState.Evolve);

    private static PurchaseReceiptState Approved() =>
        Fold(new PurchaseReceiptCreated("PR1", "B1", [new PurchaseLine("M1", 10), new PurchaseLine("M2", 4)], Now), new PurchaseReceiptApproved("PR1", Now))!;

    private static StockBook InTransit() => new StockBook().Apply(StockMovements.InTransitAdded("B1", "PR1", [new StockLine("M1", 10), new StockLine("M2", 4)], Now));

    [Fact]
    public void a_receipt_names_an_existing_branch_and_existing_materials_each_once()
    {
        PurchaseReceiptDecider.Create(new CreatePurchaseReceipt("PR1", "B9", [new PurchaseLine("M1", 1)], null, Known, Now), null).Error!.Field.ShouldBe("branchCode");
        PurchaseReceiptDecider.Create(new CreatePurchaseReceipt("PR1", "B1", [new PurchaseLine("M9", 1)], B1, Known, Now), null).Error!.Field.ShouldBe("lines[0].basicMaterialCode");
        PurchaseReceiptDecider.Create(new CreatePurchaseReceipt("PR1", "B1", [new PurchaseLine("M1", 0)], B1, Known, Now), null).Error!.Field.ShouldBe("lines[0].quantity");
        PurchaseReceiptDecider.Create(new CreatePurchaseReceipt("PR1", "B1", [new PurchaseLine("M1", 1), new PurchaseLine("M1", 2)], B1, Known, Now), null).Error!.Field.ShouldBe("lines[1].basicMaterialCode");
        var created = PurchaseReceiptDecider.Create(new CreatePurchaseReceipt("PR1", "B1", [new PurchaseLine("M1", 10)], B1, Known, Now), null);
        created.Events.Single().ReceiptEvents.ShouldBeEvents(new PurchaseReceiptCreated("PR1", "B1", [new PurchaseLine("M1", 10)], Now));
        created.Events.Single().StockMoves.ShouldBeEmpty();
    }

    [Fact]
    public void approving_puts_every_line_in_transit_once()
    {
        var draft = Fold(new PurchaseReceiptCreated("PR1", "B1", [new PurchaseLine("M1", 10)], Now));
        var approved = PurchaseReceiptDecider.Approve(new ApprovePurchaseReceipt("PR1", Now), draft).Events.Single();
        approved.StockMoves.Select(m => m.Event).ShouldBe([new StockInTransitAdded("B1", "M1", 10, "PR1", InTransitCause.Approved, Now)]);
        PurchaseReceiptDecider.Approve(new ApprovePurchaseReceipt("PR1", Now), Approved()).Error!.Code.ShouldBe(FulfillmentErrors.InvalidState);
    }

    [Fact]
    public void receiving_in_parts_never_takes_more_than_is_outstanding_and_the_last_part_closes_the_receipt()
    {
        var book = InTransit();
        var part = PurchaseReceiptDecider.Receive(new ReceivePurchaseReceipt("PR1", [new PurchaseLine("M1", 6)], Now), Approved(), book).Events.Single();
        part.ReceiptEvents.ShouldBeEvents(new PurchaseReceiptReceived("PR1", [new PurchaseLine("M1", 6)], false, Now));
        book.Apply(part.StockMoves).Branch("B1", "M1").ShouldBe(new BranchStockState("B1", "M1", 6, 4, 0));
        var state = PurchaseReceiptState.Evolve(Approved(), part.ReceiptEvents[0])!;
        state.Status.ShouldBe(PurchaseReceiptStatus.PartiallyReceived);

        PurchaseReceiptDecider.Receive(new ReceivePurchaseReceipt("PR1", [new PurchaseLine("M1", 5)], Now), state, book).Error!.Field.ShouldBe("lines[0].quantity");
        var rest = PurchaseReceiptDecider.Receive(new ReceivePurchaseReceipt("PR1", [], Now), state, book).Events.Single(); // empty = all outstanding
        rest.ReceiptEvents.ShouldBeEvents(new PurchaseReceiptReceived("PR1", [new PurchaseLine("M1", 4), new PurchaseLine("M2", 4)], true, Now));
        book.Apply(rest.StockMoves);
        (book.Branch("B1", "M1").OnHand, book.Branch("B1", "M1").InTransit, book.Branch("B1", "M2").OnHand).ShouldBe((10, 0, 4));
        PurchaseReceiptState.Evolve(state, rest.ReceiptEvents[0])!.Status.ShouldBe(PurchaseReceiptStatus.Received);
    }

    [Fact]
    public void cancelling_takes_what_is_outstanding_out_of_transit_and_a_draft_moves_no_stock()
    {
        var book = InTransit();
        var received = PurchaseReceiptDecider.Receive(new ReceivePurchaseReceipt("PR1", [new PurchaseLine("M1", 6)], Now), Approved(), book).Events.Single();
        book.Apply(received.StockMoves);
        var state = PurchaseReceiptState.Evolve(Approved(), received.ReceiptEvents[0]);
        var cancelled = PurchaseReceiptDecider.Cancel(new CancelPurchaseReceipt("PR1", Now), state, book).Events.Single();
        cancelled.ReceiptEvents.ShouldBeEvents(new PurchaseReceiptCancelled("PR1", [new PurchaseLine("M1", 4), new PurchaseLine("M2", 4)], Now));
        book.Apply(cancelled.StockMoves);
        (book.Branch("B1", "M1").OnHand, book.Branch("B1", "M1").InTransit, book.Branch("B1", "M2").InTransit).ShouldBe((6, 0, 0));

        var draft = Fold(new PurchaseReceiptCreated("PR2", "B1", [new PurchaseLine("M1", 3)], Now));
        PurchaseReceiptDecider.Cancel(new CancelPurchaseReceipt("PR2", Now), draft, book).Events.Single().StockMoves.ShouldBeEmpty();
        PurchaseReceiptDecider.Cancel(new CancelPurchaseReceipt("PR1", Now), PurchaseReceiptState.Evolve(state, cancelled.ReceiptEvents[0]), book).Error!.Code
            .ShouldBe(FulfillmentErrors.InvalidState);
    }
}
