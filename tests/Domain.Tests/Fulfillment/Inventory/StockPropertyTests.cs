using CsCheck;
using Cabinets.Domain.Fulfillment;
using Cabinets.Domain.Fulfillment.Catalog;
using Cabinets.Domain.Fulfillment.Inventory;

namespace Cabinets.Domain.Tests.Fulfillment.Inventory;

/// <summary>
/// Issue 12's property test (CsCheck): random sequences of business steps — purchases, orders, reviews,
/// consignments, closed deliveries, cancellations — over two shops, three branches (one offline) and
/// two materials. After every step no quantity is below zero where §2.8 forbids it, no branch freezes
/// more than it holds, every quantity equals what a plain model of the orders and deliveries says, and
/// sellable equals its formula over that model. A review is refused exactly when the model says the
/// branch has too few units available.
/// </summary>
public sealed class StockPropertyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly string[] Shops = ["S1", "S2"];
    private static readonly string[] Materials = ["M1", "M2"];
    private static readonly BranchState[] Branches =
    [
        new("B1", "B1", WmsType.Own, null, true, BranchRole.Shipping, ["S1", "S2"], null),
        new("B2", "B2", WmsType.Own, null, true, BranchRole.Shipping, ["S2"], null),
        new("B3", "B3", WmsType.Own, null, false, BranchRole.Shipping, ["S1"], null),
    ];

    /// <summary>One random step: its kind and the numbers it picks its subjects by (an index wraps over what exists).</summary>
    private sealed record Step(int Kind, int A, int B, int Quantity);

    private static readonly Gen<Step[]> Steps = Gen.Select(Gen.Int[0, 5], Gen.Int[0, 50], Gen.Int[0, 50], Gen.Int[1, 6], (k, a, b, q) => new Step(k, a, b, q)).Array[1, 60];

    private sealed class Order(string id, string shop, string material, int quantity)
    {
        public string Id { get; } = id;
        public string Shop { get; } = shop;
        public string Material { get; } = material;
        public int Quantity { get; } = quantity;
        public bool Open { get; set; } = true; // frozen in the shop, not in a delivery
        public bool Cancelled { get; set; }
    }

    private sealed record Delivery(string Id, Order Order, string Branch)
    {
        public bool Open { get; set; } = true;
        public bool Shipped { get; set; }
    }

    [Fact]
    public void no_step_sequence_breaks_an_invariant_or_makes_sellable_differ_from_its_formula()
    {
        Steps.Sample(steps =>
        {
            var book = new StockBook();
            var purchased = new Dictionary<(string, string), int>();
            var orders = new List<Order>();
            var deliveries = new List<Delivery>();
            foreach (var step in steps)
            {
                Run(step, book, purchased, orders, deliveries);
                Check(book, purchased, orders, deliveries);
            }
        }, iter: 400);
    }

    private static void Run(Step s, StockBook book, Dictionary<(string, string), int> purchased, List<Order> orders, List<Delivery> deliveries)
    {
        var material = Materials[s.B % Materials.Length];
        switch (s.Kind)
        {
            case 0: // a purchase receipt approved and received
                var branch = Branches[s.A % Branches.Length].BranchCode;
                var receipt = $"PR{book.Events.Count}";
                book.Apply(StockMovements.InTransitAdded(branch, receipt, [new StockLine(material, s.Quantity)], Now));
                book.Apply(StockMovements.Received(book, branch, receipt, [new StockLine(material, s.Quantity)], Now));
                purchased[(branch, material)] = purchased.GetValueOrDefault((branch, material)) + s.Quantity;
                break;
            case 1: // an order arrives
                var order = new Order($"O{orders.Count}", Shops[s.A % Shops.Length], material, s.Quantity);
                orders.Add(order);
                book.Apply(StockMovements.FreezeForShop(order.Shop, order.Id, [new StockLine(material, s.Quantity)], ShopFreezeCause.OrderCreated, Now).Events);
                break;
            case 2 when orders.Count > 0: // review: a delivery from a branch the shop may ship from
                var toReview = orders[s.A % orders.Count];
                var linked = Branches.Where(b => b.Role == BranchRole.Shipping && b.LinkedShopCodes.Contains(toReview.Shop)).ToArray();
                var from = linked[s.B % linked.Length].BranchCode;
                if (!toReview.Open) break;
                var available = purchased.GetValueOrDefault((from, toReview.Material))
                    - deliveries.Where(d => d.Branch == from && d.Order.Material == toReview.Material && (d.Open || d.Shipped)).Sum(d => d.Order.Quantity);
                var delivery = new Delivery($"D{deliveries.Count}", toReview, from);
                var reviewed = StockMovements.DeliveryCreated(book, toReview.Shop, from, toReview.Id, delivery.Id, [new StockLine(toReview.Material, toReview.Quantity)], Now);
                (reviewed.Error?.Code).ShouldBe(available >= toReview.Quantity ? null : FulfillmentErrors.InsufficientStock, $"{from} {toReview.Material} available {available}");
                if (reviewed.IsRejected) break;
                book.Apply(reviewed.Events);
                toReview.Open = false;
                deliveries.Add(delivery);
                break;
            case 3 when deliveries.Count > 0: // consign
                var toShip = deliveries[s.A % deliveries.Count];
                if (!toShip.Open) break;
                book.Apply(StockMovements.Consigned(book, toShip.Branch, toShip.Id, [new StockLine(toShip.Order.Material, toShip.Order.Quantity)], Now).Events.ShouldNotBeNull());
                toShip.Open = false;
                toShip.Shipped = true;
                break;
            case 4 when deliveries.Count > 0: // a delivery cancelled, revoked or rejected: back to the shop
                var toClose = deliveries[s.A % deliveries.Count];
                if (!toClose.Open) break;
                var cause = (BranchReleaseCause)(1 + s.B % 3);
                book.Apply(StockMovements.DeliveryClosed(book, toClose.Order.Shop, toClose.Branch, toClose.Order.Id, toClose.Id,
                    [new StockLine(toClose.Order.Material, toClose.Order.Quantity)], cause, Now).Events);
                toClose.Open = false;
                toClose.Order.Open = true;
                break;
            case 5 when orders.Count > 0: // the order cancelled while still in the shop
                var toCancel = orders[s.A % orders.Count];
                if (!toCancel.Open) break;
                var released = StockMovements.ReleaseForShop(book, toCancel.Shop, toCancel.Id, [new StockLine(toCancel.Material, toCancel.Quantity)], ShopReleaseCause.OrderCancelled, Now);
                released.IsRejected.ShouldBeFalse(released.Error?.Message);
                book.Apply(released.Events);
                toCancel.Open = false;
                toCancel.Cancelled = true;
                break;
        }
    }

    private static void Check(StockBook book, Dictionary<(string, string), int> purchased, List<Order> orders, List<Delivery> deliveries)
    {
        foreach (var stock in book.AllBranchStocks)
        {
            stock.OnHand.ShouldBeGreaterThanOrEqualTo(0);
            stock.InTransit.ShouldBeGreaterThanOrEqualTo(0);
            stock.BranchFreeze.ShouldBeInRange(0, stock.OnHand);
        }
        foreach (var freeze in book.AllShopFreezes) freeze.Frozen.ShouldBeGreaterThanOrEqualTo(0);

        int OnHand(string b, string m) => purchased.GetValueOrDefault((b, m)) - deliveries.Where(d => d.Shipped && d.Branch == b && d.Order.Material == m).Sum(d => d.Order.Quantity);
        int BranchFreeze(string b, string m) => deliveries.Where(d => d.Open && d.Branch == b && d.Order.Material == m).Sum(d => d.Order.Quantity);
        int ShopFreeze(string s, string m) => orders.Where(o => o.Open && o.Shop == s && o.Material == m).Sum(o => o.Quantity);
        foreach (var m in Materials)
        {
            foreach (var b in Branches)
                (book.Branch(b.BranchCode, m).OnHand, book.Branch(b.BranchCode, m).BranchFreeze).ShouldBe((OnHand(b.BranchCode, m), BranchFreeze(b.BranchCode, m)));
            foreach (var s in Shops)
            {
                book.Shop(s, m).Frozen.ShouldBe(ShopFreeze(s, m));
                var supplying = Branches.Where(b => b.Online && b.LinkedShopCodes.Contains(s)).ToList();
                var sharing = supplying.SelectMany(b => b.LinkedShopCodes).Distinct().ToList();
                var formula = supplying.Sum(b => OnHand(b.BranchCode, m)) - sharing.Sum(x => ShopFreeze(x, m)) - supplying.Sum(b => BranchFreeze(b.BranchCode, m));
                var branches = SellableStocks.BranchesOf(s, Branches);
                SellableStocks.OfBasic(m, branches, SellableStocks.ShopsSharing(branches), book).ShouldBe(formula);
            }
        }
    }
}
