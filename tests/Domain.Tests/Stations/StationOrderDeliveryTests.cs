using Cabinets.Domain.Deciding;
using Cabinets.Domain.Stations;
using Cabinets.Domain.Stations.Orders;
using Cabinets.Domain.Stations.TaxRules;

namespace Cabinets.Domain.Tests.Stations;

/// <summary>Progress, delivery sheets and prints of a station order (TAX.md §1.4, §1.6, §2.7, §2.10–2.11).</summary>
public sealed class StationOrderDeliveryTests : StationOrderSpecs
{
    // ---- progress (§1.4, §2.7) ----

    [Fact]
    public void status_moves_forward_only_and_steps_may_be_skipped()
    {
        var created = Scenario3Order();
        Then(When(new SetStationOrderProgress(OrderId, Station, StationOrderStatus.Sorting, null, Later), created))
            .ShouldBe([new StationOrderStatusChanged(OrderId, 1, 5, Later)]);
        Then(When(new SetStationOrderProgress(OrderId, Station, StationOrderStatus.Signed, null, Later), created))
            .ShouldBe([new StationOrderStatusChanged(OrderId, 1, 15, Later)]);

        var delivering = new IStationOrderEvent[] { created, new StationOrderStatusChanged(OrderId, 1, 10, Now) };
        Fold(delivering).ShouldNotBeNull().Status.ShouldBe(10);
        Rejection(When(new SetStationOrderProgress(OrderId, Station, StationOrderStatus.Sorting, null, Later), delivering))
            .Code.ShouldBe(StationOrderDecider.Errors.State);
        Rejection(When(new SetStationOrderProgress(OrderId, Station, StationOrderStatus.WaitingSorting, null, Later), delivering))
            .Code.ShouldBe(StationOrderDecider.Errors.State);
        Then(When(new SetStationOrderProgress(OrderId, Station, StationOrderStatus.Delivering, null, Later), delivering)).ShouldBeEmpty();
    }

    [Fact]
    public void an_order_is_deleted_only_while_waiting_for_sorting()
    {
        var created = Scenario3Order();
        Then(When(new SetStationOrderProgress(OrderId, Station, StationOrderStatus.Deleted, null, Later), created))
            .ShouldBe([new StationOrderStatusChanged(OrderId, 1, -1, Later)]);
        Rejection(When(new SetStationOrderProgress(OrderId, Station, StationOrderStatus.Deleted, null, Later), created, ToSorting))
            .Code.ShouldBe(StationOrderDecider.Errors.State);

        var deleted = new StationOrderStatusChanged(OrderId, 1, -1, Now);
        Rejection(When(new SetStationOrderProgress(OrderId, Station, StationOrderStatus.Sorting, null, Later), created, deleted))
            .Code.ShouldBe(StationOrderDecider.Errors.State);
    }

    [Fact]
    public void an_unknown_status_or_pay_status_is_invalid()
    {
        var created = Scenario3Order();
        Rejection(When(new SetStationOrderProgress(OrderId, Station, 7, null, Later), created)).ShouldSatisfyAllConditions(
            e => e.Code.ShouldBe(StationOrderDecider.Errors.Invalid),
            e => e.Field.ShouldBe("status"));
        Rejection(When(new SetStationOrderProgress(OrderId, Station, null, 3, Later), created)).ShouldSatisfyAllConditions(
            e => e.Code.ShouldBe(StationOrderDecider.Errors.Invalid),
            e => e.Field.ShouldBe("pay_status"));
    }

    [Fact]
    public void pay_status_and_status_are_recorded_together()
    {
        var created = Scenario3Order();
        var events = Then(When(new SetStationOrderProgress(OrderId, Station, StationOrderStatus.Sorting, StationPayStatus.Paid, Later), created));
        events.ShouldBe([new StationOrderStatusChanged(OrderId, 1, 5, Later), new StationOrderPayStatusChanged(OrderId, 1, 10, Later)]);
        var state = Fold([created, .. events]).ShouldNotBeNull();
        state.Status.ShouldBe(5);
        state.PayStatus.ShouldBe(10);
        Then(When(new SetStationOrderProgress(OrderId, Station, null, null, Later), created)).ShouldBeEmpty();
    }

    // ---- delivery sheet (§1.6, §2.10), scenario 14 ----

    [Fact]
    public void the_first_sheet_update_opens_the_sheet_from_the_order_lines_with_their_captured_rates()
    {
        var created = Scenario3Order(Line(Milk, "2", 1184));
        var changes = new[] { new DeliverySheetChange(Milk, 1.5m, null, "少了半瓶") };
        var events = Then(When(new UpdateDeliverySheet(OrderId, Station, changes, "签收", Later), created));
        events.Count.ShouldBe(2);
        var opened = events[0].ShouldBeOfType<DeliverySheetOpened>();
        opened.Lines.ShouldBe([new DeliverySheetLine(created.Lines[0], 2m, 1184, null)]);
        opened.Lines[0].Ordered.Rate.ShouldBe(Rule1At45);
        var updated = events[1].ShouldBeOfType<DeliverySheetUpdated>();
        updated.Changes.ShouldBe(changes);
        updated.Remark.ShouldBe("签收");

        var state = Fold([created, .. events]).ShouldNotBeNull();
        var sheet = state.Sheet.ShouldNotBeNull();
        sheet.Weighted.ShouldBeTrue();
        sheet.Remark.ShouldBe("签收");
        var line = sheet.Lines.ShouldHaveSingleItem();
        line.RealQuantity.ShouldBe(1.5m);
        line.UnitPrice.ShouldBe(1184);
        line.Remark.ShouldBe("少了半瓶");
        line.Ordered.TaxRate.ShouldBe(4500);

        // print type 2 (the sheet) and type 1 (the order), scenario 14
        var real = TaxArithmetic.Amount(line.RealQuantity, line.UnitPrice);
        real.ShouldBe(1776);
        TaxArithmetic.TaxOf(real, line.Ordered.TaxRate).ShouldBe(551);
        TaxArithmetic.WithoutTax(real, line.Ordered.TaxRate).ShouldBe(1225);
        var ordered = TaxArithmetic.Amount(line.Ordered.Quantity, line.Ordered.UnitPrice);
        ordered.ShouldBe(2368);
        TaxArithmetic.TaxOf(ordered, line.Ordered.TaxRate).ShouldBe(735);
        TaxArithmetic.WithoutTax(ordered, line.Ordered.TaxRate).ShouldBe(1633);
    }

    [Fact]
    public void later_sheet_updates_do_not_reopen_the_sheet_and_may_change_the_price()
    {
        var created = Scenario3Order(Line(Milk, "2", 1184));
        var first = Then(When(new UpdateDeliverySheet(OrderId, Station, [new DeliverySheetChange(Milk, 1.5m, null, "少了半瓶")], null, Later), created));
        var second = Then(When(new UpdateDeliverySheet(OrderId, Station, [new DeliverySheetChange(Milk, 1.75m, 1200, null)], null, Later), [created, .. first]));
        second.ShouldHaveSingleItem().ShouldBeOfType<DeliverySheetUpdated>();

        var line = Fold([created, .. first, .. second]).ShouldNotBeNull().Sheet.ShouldNotBeNull().Lines.ShouldHaveSingleItem();
        line.RealQuantity.ShouldBe(1.75m);
        line.UnitPrice.ShouldBe(1200);
        line.Remark.ShouldBe("少了半瓶");
        line.Ordered.TaxRate.ShouldBe(4500);
    }

    [Fact]
    public void once_a_sheet_exists_the_order_lines_are_frozen()
    {
        var created = Scenario3Order();
        var sheet = Then(When(new UpdateDeliverySheet(OrderId, Station, [new DeliverySheetChange(Milk, 1m, null, null)], null, Later), created));
        IStationOrderEvent[] given = [created, .. sheet];
        foreach (var mode in Enum.GetValues<StationOrderEditMode>())
        {
            var error = Rejection(When(Edit(mode, [Line(Milk, "1", 1184)]), given));
            error.Code.ShouldBe(StationOrderDecider.Errors.State);
        }
        Fold(given).ShouldNotBeNull().Lines.ShouldBe(created.Lines);
    }

    [Fact]
    public void an_empty_first_update_opens_an_unweighted_sheet()
    {
        var created = Scenario3Order();
        var events = Then(When(new UpdateDeliverySheet(OrderId, Station, [], null, Later), created));
        events.Select(e => e.GetType()).ShouldBe([typeof(DeliverySheetOpened), typeof(DeliverySheetUpdated)]);
        var sheet = Fold([created, .. events]).ShouldNotBeNull().Sheet.ShouldNotBeNull();
        sheet.Weighted.ShouldBeFalse();
        sheet.Lines.ShouldHaveSingleItem().RealQuantity.ShouldBe(1m);
    }

    [Fact]
    public void bad_sheet_changes_are_refused_naming_the_change()
    {
        var created = Scenario3Order();
        UpdateDeliverySheet Update(params DeliverySheetChange[] changes) => new(OrderId, Station, changes, null, Later);
        Rejection(When(Update(new DeliverySheetChange(Milk, 1m, null, null), new DeliverySheetChange(Beans, 1m, null, null)), created))
            .Field.ShouldBe("details[1].sku_id");
        Rejection(When(Update(new DeliverySheetChange(Milk, -1m, null, null)), created)).Field.ShouldBe("details[0].real_quantity");
        Rejection(When(Update(new DeliverySheetChange(Milk, 1.005m, null, null)), created)).Field.ShouldBe("details[0].real_quantity");
        Rejection(When(Update(new DeliverySheetChange(Milk, 1m, -5, null)), created)).Field.ShouldBe("details[0].sale_price");
        Then(When(Update(new DeliverySheetChange(Milk, 0m, null, null)), created)).Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(StationOrderStatus.Sorting, true)]
    [InlineData(StationOrderStatus.Delivering, true)]
    [InlineData(StationOrderStatus.Signed, false)]
    [InlineData(StationOrderStatus.Deleted, false)]
    public void the_sheet_is_updated_while_waiting_sorting_or_delivering(int status, bool allowed)
    {
        var given = new IStationOrderEvent[] { Scenario3Order(), new StationOrderStatusChanged(OrderId, 1, status, Now) };
        var decision = When(new UpdateDeliverySheet(OrderId, Station, [new DeliverySheetChange(Milk, 1m, null, null)], null, Later), given);
        if (allowed) Then(decision).Count.ShouldBe(2);
        else Rejection(decision).Code.ShouldBe(StationOrderDecider.Errors.State);
    }

    // ---- print (§1.6, §2.11), scenario 15 ----

    [Fact]
    public void the_first_print_assigns_the_next_tax_number_and_a_reprint_keeps_it()
    {
        var state = Fold([Scenario3Order()]);

        var first = Decider.Decide(new PrintDeliverySheet(OrderId, Station, 2, 41, Later), state);
        first.Answer.ShouldBe(41);
        var printed = Then(first).ShouldHaveSingleItem().ShouldBeOfType<DeliverySheetPrinted>();
        printed.ShouldBe(new DeliverySheetPrinted(OrderId, 2, 41, Later));
        state = Fold(first.Events, state);
        state.ShouldNotBeNull().TaxNumber.ShouldBe(41);
        state.IsPrinted.ShouldBeTrue();

        var reprint = Decider.Decide(new PrintDeliverySheet(OrderId, Station, 1, 57, Later.AddMinutes(5)), state);
        reprint.Answer.ShouldBe(41);
        Then(reprint).ShouldHaveSingleItem().ShouldBeOfType<DeliverySheetPrinted>().TaxNumber.ShouldBe(41);
        state = Fold(reprint.Events, state);
        state.ShouldNotBeNull().TaxNumber.ShouldBe(41);
    }

    [Fact]
    public void a_print_type_other_than_1_or_2_is_invalid() =>
        Rejection(When(new PrintDeliverySheet(OrderId, Station, 3, 1, Later), Scenario3Order())).Field.ShouldBe("type");

    [Fact]
    public void a_mixed_order_totals_the_rounded_lines()
    {
        var created = Scenario3Order(Line(Milk, "1", 1184), Line(Beans, "4.44", 100));
        var lines = Fold([created]).ShouldNotBeNull().Lines;
        var amounts = lines.Select(l => TaxArithmetic.Amount(l.Quantity, l.UnitPrice)).ToList();
        var taxes = lines.Select(l => TaxArithmetic.TaxOf(TaxArithmetic.Amount(l.Quantity, l.UnitPrice), l.TaxRate)).ToList();
        amounts.Sum().ShouldBe(1628);
        taxes.Sum().ShouldBe(367);
        (amounts.Sum() - taxes.Sum()).ShouldBe(1261);
        lines[1].IsSetTax.ShouldBeFalse();
        taxes[1].ShouldBe(0);
    }
}
