using Cabinets.Domain.Deciding;
using Cabinets.Domain.Stations;
using Cabinets.Domain.Stations.Orders;
using Cabinets.Domain.Stations.TaxRules;

namespace Cabinets.Domain.Tests.Stations;

/// <summary>Editing a station order (TAX.md §2.4–2.6): replace, append and force merge; untouched lines keep their captured rate.</summary>
public sealed class StationOrderEditTests : StationOrderSpecs
{
    // ---- edit: replace (§2.5), scenario 7 ----

    [Fact]
    public void a_line_saved_unchanged_keeps_its_captured_rate_after_the_rule_changed()
    {
        var created = Scenario3Order();
        var decision = When(Edit(StationOrderEditMode.Replace, [Line(Milk, "1", 1184)], ContextWith(("C2473562", Rule1At13))), created);
        var edited = Then(decision).ShouldHaveSingleItem().ShouldBeOfType<StationOrderEdited>();
        edited.Mode.ShouldBe(StationOrderEditMode.Replace);
        edited.Added.ShouldBeEmpty();
        edited.Changed.ShouldBeEmpty();
        edited.RemovedSkuIds.ShouldBeEmpty();
        edited.RemarkOnly.ShouldBeEmpty();

        var line = LineOf(Fold([created, edited]), Milk);
        line.TaxRate.ShouldBe(4500);
        line.IsSetTax.ShouldBeTrue();
        line.RateCapturedAt.ShouldBe(Now);
    }

    [Fact]
    public void a_changed_quantity_re_captures_the_rate()
    {
        var created = Scenario3Order();
        var edited = Then(When(Edit(StationOrderEditMode.Replace, [Line(Milk, "2", 1184)], ContextWith(("C2473562", Rule1At13))), created))
            .ShouldHaveSingleItem().ShouldBeOfType<StationOrderEdited>();
        edited.Changed.ShouldBe([new StationOrderLine(Milk, "C2473562", 2m, 1184, false, null, 1300, true, 1, Later)]);

        var line = LineOf(Fold([created, edited]), Milk);
        line.TaxRate.ShouldBe(1300);
        line.RateCapturedAt.ShouldBe(Later);
        TaxArithmetic.TaxOf(TaxArithmetic.Amount(line.Quantity, line.UnitPrice), line.TaxRate).ShouldBe(272);   // "2.72"
    }

    [Fact]
    public void a_changed_price_or_time_price_flag_also_re_captures()
    {
        var created = Scenario3Order();
        var at13 = ContextWith(("C2473562", Rule1At13));
        Then(When(Edit(StationOrderEditMode.Replace, [Line(Milk, "1", 1200)], at13), created))
            .ShouldHaveSingleItem().ShouldBeOfType<StationOrderEdited>().Changed.ShouldHaveSingleItem().TaxRate.ShouldBe(1300);
        Then(When(Edit(StationOrderEditMode.Replace, [Line(Milk, "1", 1184, priceTiming: true)], at13), created))
            .ShouldHaveSingleItem().ShouldBeOfType<StationOrderEdited>().Changed.ShouldHaveSingleItem().TaxRate.ShouldBe(1300);
    }

    [Fact]
    public void a_remark_only_change_keeps_the_rate()
    {
        var created = Scenario3Order();
        var edited = Then(When(Edit(StationOrderEditMode.Replace, [Line(Milk, "1", 1184, remark: "少冰")], ContextWith(("C2473562", Rule1At13))), created))
            .ShouldHaveSingleItem().ShouldBeOfType<StationOrderEdited>();
        edited.Changed.ShouldBeEmpty();
        edited.RemarkOnly.ShouldBe([new SpuRemarkChange(Milk, "少冰")]);

        var line = LineOf(Fold([created, edited]), Milk);
        line.SpuRemark.ShouldBe("少冰");
        line.TaxRate.ShouldBe(4500);
        line.RateCapturedAt.ShouldBe(Now);
    }

    [Fact]
    public void replace_removes_unlisted_lines_and_adds_new_ones()
    {
        var created = Scenario3Order(Line(Milk, "1", 1184), Line(Beans, "2", 100));
        var edited = Then(When(Edit(StationOrderEditMode.Replace, [Line(Beans, "2", 100), Line(Other, "1", 1503)],
                ContextWith(("C1969177", new RateCapture(2000, true, 3)))), created))
            .ShouldHaveSingleItem().ShouldBeOfType<StationOrderEdited>();
        edited.RemovedSkuIds.ShouldBe([Milk]);
        edited.Added.ShouldBe([new StationOrderLine(Other, "C1969177", 1m, 1503, false, null, 2000, true, 3, Later)]);
        edited.Changed.ShouldBeEmpty();

        var state = Fold([created, edited]).ShouldNotBeNull();
        state.Lines.Select(l => l.SkuId).ShouldBe([Beans, Other]);
        state.ModifiedAt.ShouldBe(Later);
        var added = LineOf(state, Other);
        TaxArithmetic.TaxOf(TaxArithmetic.Amount(added.Quantity, added.UnitPrice), added.TaxRate).ShouldBe(251);   // scenario 5
    }

    [Fact]
    public void replace_with_any_bad_line_changes_nothing_and_names_the_line()
    {
        var error = Rejection(When(Edit(StationOrderEditMode.Replace, [Line(Milk, "1", 1184), Line(Beans, "3.333", 100)]), Scenario3Order()));
        error.Code.ShouldBe(StationOrderDecider.Errors.Invalid);
        error.Field.ShouldBe("details[1].amount");
        error.Message.ShouldStartWith(Beans);
    }

    [Fact]
    public void replace_with_no_line_is_refused() =>
        Rejection(When(Edit(StationOrderEditMode.Replace, []), Scenario3Order())).Field.ShouldBe("details");

    [Fact]
    public void an_edit_replaces_the_receive_window_and_remark_when_given()
    {
        var created = Scenario3Order();
        var newBegin = Begin.AddDays(1);
        var edited = Then(When(Edit(StationOrderEditMode.Replace, [Line(Milk, "1", 1184)], begin: newBegin, end: newBegin.AddHours(1), remark: ""), created))
            .ShouldHaveSingleItem().ShouldBeOfType<StationOrderEdited>();
        var state = Fold([created, edited]).ShouldNotBeNull();
        state.ReceiveBeginTime.ShouldBe(newBegin);
        state.ReceiveEndTime.ShouldBe(newBegin.AddHours(1));
        state.Remark.ShouldBe("");

        var kept = Then(When(Edit(StationOrderEditMode.Replace, [Line(Milk, "1", 1184)]), created)).ShouldHaveSingleItem();
        Fold([created, kept]).ShouldNotBeNull().Remark.ShouldBe("早点送");

        Rejection(When(Edit(StationOrderEditMode.Replace, [Line(Milk, "1", 1184)], begin: End, end: Begin), created))
            .Field.ShouldBe("order_data.receive_begin_time");
    }

    // ---- edit: append (§2.6), scenario 8 ----

    [Fact]
    public void append_is_allowed_while_sorting_and_keeps_unlisted_lines()
    {
        var given = new IStationOrderEvent[] { Scenario3Order(), ToSorting };
        var edited = Then(When(Edit(StationOrderEditMode.Append, [Line(Beans, "4.33", 100)], NoRules), given))
            .ShouldHaveSingleItem().ShouldBeOfType<StationOrderEdited>();
        edited.Mode.ShouldBe(StationOrderEditMode.Append);
        edited.Added.ShouldBe([new StationOrderLine(Beans, "C2723984", 4.33m, 100, false, null, 0, false, null, Later)]);
        edited.RemovedSkuIds.ShouldBeEmpty();

        var state = Fold([.. given, edited]).ShouldNotBeNull();
        state.Lines.Count.ShouldBe(2);
        LineOf(state, Milk).ShouldBe(((StationOrderCreated)given[0]).Lines[0]);
        var beans = LineOf(state, Beans);
        TaxArithmetic.Amount(beans.Quantity, beans.UnitPrice).ShouldBe(433);
    }

    [Fact]
    public void append_upserts_a_present_line_with_the_given_quantity()
    {
        var created = Scenario3Order(Line(Milk, "1", 1184), Line(Beans, "3.33", 100));
        var edited = Then(When(Edit(StationOrderEditMode.Append, [Line(Beans, "4.33", 100)]), created))
            .ShouldHaveSingleItem().ShouldBeOfType<StationOrderEdited>();
        edited.Changed.ShouldHaveSingleItem().Quantity.ShouldBe(4.33m);
        Fold([created, edited]).ShouldNotBeNull().Lines.Select(l => (l.SkuId, l.Quantity)).ShouldBe([(Milk, 1m), (Beans, 4.33m)]);
    }

    [Fact]
    public void replace_and_force_merge_are_refused_while_sorting()
    {
        var given = new IStationOrderEvent[] { Scenario3Order(), ToSorting };
        var error = Rejection(When(Edit(StationOrderEditMode.Replace, [Line(Milk, "1", 1184)]), given));
        error.Code.ShouldBe(StationOrderDecider.Errors.State);
        error.Details.ShouldNotBeNull();
        Rejection(When(Edit(StationOrderEditMode.ForceMerge, [Line(Milk, "1", 1184)]), given)).Code.ShouldBe(StationOrderDecider.Errors.State);
    }

    [Theory]
    [InlineData(StationOrderStatus.Delivering)]
    [InlineData(StationOrderStatus.Signed)]
    public void no_edit_once_delivering(int status)
    {
        var given = new IStationOrderEvent[] { Scenario3Order(), new StationOrderStatusChanged(OrderId, 1, status, Now) };
        foreach (var mode in Enum.GetValues<StationOrderEditMode>())
            Rejection(When(Edit(mode, [Line(Milk, "1", 1184)]), given)).Code.ShouldBe(StationOrderDecider.Errors.State);
    }

    [Fact]
    public void no_edit_of_a_deleted_order()
    {
        var given = new IStationOrderEvent[] { Scenario3Order(), new StationOrderStatusChanged(OrderId, 1, StationOrderStatus.Deleted, Now) };
        foreach (var mode in Enum.GetValues<StationOrderEditMode>())
            Rejection(When(Edit(mode, [Line(Milk, "1", 1184)]), given)).Code.ShouldBe(StationOrderDecider.Errors.State);
    }

    [Fact]
    public void append_with_no_line_is_refused_like_replace() =>
        Rejection(When(Edit(StationOrderEditMode.Append, []), Scenario3Order())).Field.ShouldBe("details");

    [Fact]
    public void append_with_a_bad_line_changes_nothing() =>
        Rejection(When(Edit(StationOrderEditMode.Append, [Line("D00000000", "1", 100)]), Scenario3Order())).Field.ShouldBe("details[0].sku_id");

    // ---- force merge (§2.4 step 3), scenario 11 ----

    [Fact]
    public void a_forced_merge_adds_the_quantity_and_re_captures_the_rate()
    {
        var created = Scenario3Order();
        var decision = When(Edit(StationOrderEditMode.ForceMerge, [Line(Milk, "2", 1184), Line(Beans, "1", 100)], ContextWith(("C2473562", Rule1At13))), created);
        var edited = Then(decision).ShouldHaveSingleItem().ShouldBeOfType<StationOrderEdited>();
        edited.Mode.ShouldBe(StationOrderEditMode.ForceMerge);
        edited.Changed.ShouldBe([new StationOrderLine(Milk, "C2473562", 3m, 1184, false, null, 1300, true, 1, Later)]);
        edited.Added.ShouldBe([new StationOrderLine(Beans, "C2723984", 1m, 100, false, null, 0, false, null, Later)]);
        edited.RemovedSkuIds.ShouldBeEmpty();

        var answer = decision.Answer.ShouldBeOfType<OrderLinesAnswer>();
        answer.NewOrderIds.ShouldBeEmpty();
        answer.UpdateOrderIds.ShouldBe([OrderId]);
        answer.SuccessSkuIds.ShouldBe([Milk, Beans]);
        answer.ErrorSkus.ShouldBeEmpty();

        var state = Fold([created, edited]).ShouldNotBeNull();
        LineOf(state, Milk).Quantity.ShouldBe(3m);
        LineOf(state, Milk).TaxRate.ShouldBe(1300);
        state.Lines.Count.ShouldBe(2);
    }

    [Fact]
    public void a_forced_merge_at_a_different_unit_price_leaves_the_sku_out()
    {
        var created = Scenario3Order();
        var decision = When(Edit(StationOrderEditMode.ForceMerge, [Line(Milk, "2", 1200), Line(Beans, "1", 100), Line("D00000000", "1", 1)]), created);
        var edited = Then(decision).ShouldHaveSingleItem().ShouldBeOfType<StationOrderEdited>();
        edited.Changed.ShouldBeEmpty();
        edited.Added.Select(l => l.SkuId).ShouldBe([Beans]);

        var answer = decision.Answer.ShouldBeOfType<OrderLinesAnswer>();
        answer.UpdateOrderIds.ShouldBe([OrderId]);
        answer.SuccessSkuIds.ShouldBe([Beans]);
        answer.ErrorSkus.Select(e => e.SkuId).ShouldBe(["D00000000", Milk], ignoreOrder: true);
        answer.ErrorSkus.Single(e => e.SkuId == Milk).Field.ShouldBe("unit_price");

        LineOf(Fold([created, edited]), Milk).Quantity.ShouldBe(1m);
    }

    [Fact]
    public void a_forced_merge_with_nothing_to_merge_is_refused_with_the_line_errors()
    {
        var error = Rejection(When(Edit(StationOrderEditMode.ForceMerge, [Line(Milk, "2", 1200)]), Scenario3Order()));
        error.Code.ShouldBe(StationOrderDecider.Errors.NoValidLine);
        error.Details.ShouldBeOfType<OrderLinesAnswer>().ErrorSkus.ShouldHaveSingleItem().SkuId.ShouldBe(Milk);
    }
}
