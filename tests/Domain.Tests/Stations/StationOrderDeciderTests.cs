using Cabinets.Domain.Deciding;
using Cabinets.Domain.Stations;
using Cabinets.Domain.Stations.Orders;
using Cabinets.Domain.Stations.TaxRules;

namespace Cabinets.Domain.Tests.Stations;

/// <summary>Given events / When command / Then events — TAX.md §1.4-1.8, §2.4-2.11 and scenarios 3-15.</summary>
public sealed class StationOrderDeciderTests
{
    private const string Station = "T7936";
    private const string OrderId = "PL8841170";
    private const int Merchant = 217824;
    private const int MerchantUid = 231367;
    private const string Milk = "D11862266";      // SPU C2473562
    private const string Beans = "D13415925";     // SPU C2723984
    private const string Other = "D13523696";     // SPU C1969177
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Now.AddHours(1);
    private static readonly DateTimeOffset Begin = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Begin.AddHours(2);

    private static readonly RateCapture Rule1At45 = new(4500, true, 1);
    private static readonly RateCapture Rule1At13 = new(1300, true, 1);

    private static readonly IDecider<StationOrderCommand, StationOrderState?, IStationOrderEvent> Decider = StationOrderDecider.Instance;

    private static readonly IReadOnlyDictionary<string, string> SpuOfSku = new Dictionary<string, string>
    {
        [Milk] = "C2473562",
        [Beans] = "C2723984",
        [Other] = "C1969177",
    };

    /// <summary>What the handler would look up for merchant 217824; by default rule 1 covers milk at 45 %.</summary>
    private static OrderContext Context(int? uid = MerchantUid, params (string Spu, RateCapture Rate)[] rates) =>
        new(uid, SpuOfSku, (rates.Length == 0 ? [("C2473562", Rule1At45)] : rates).ToDictionary(r => r.Spu, r => r.Rate));

    private static OrderContext ContextWith(params (string Spu, RateCapture Rate)[] rates) => Context(MerchantUid, rates);

    private static OrderContext NoRules => new(MerchantUid, SpuOfSku, new Dictionary<string, RateCapture>());

    private static LineRequest Line(string sku, string quantity, long? unitPrice, bool priceTiming = false, string? remark = null, string? spu = null) =>
        new(sku, spu ?? SpuOfSku.GetValueOrDefault(sku, "C0"), decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture), unitPrice, priceTiming, remark);

    private static CreateStationOrder Create(IReadOnlyList<LineRequest> lines, OrderContext? context = null, int uid = MerchantUid,
        DateTimeOffset? begin = null, DateTimeOffset? end = null, string timeConfigId = "ST1", string orderId = OrderId) =>
        new(orderId, Station, Merchant, uid, begin ?? Begin, end ?? End, timeConfigId, "早点送", "深圳市南山区", lines, context ?? Context(), Now);

    private static EditStationOrder Edit(StationOrderEditMode mode, IReadOnlyList<LineRequest> lines, OrderContext? context = null,
        DateTimeOffset? begin = null, DateTimeOffset? end = null, string? remark = null) =>
        new(OrderId, Station, mode, lines, begin, end, remark, context ?? Context(), Later);

    private static StationOrderState? Fold(IEnumerable<IStationOrderEvent> events, StationOrderState? state = null) =>
        events.Aggregate(state ?? Decider.Initial, Decider.Evolve);

    private static Decision<IStationOrderEvent> When(StationOrderCommand command, params IStationOrderEvent[] given) => Decider.Decide(command, Fold(given));

    private static IReadOnlyList<IStationOrderEvent> Then(Decision<IStationOrderEvent> decision)
    {
        decision.Error.ShouldBeNull();
        return decision.Events;
    }

    private static DomainError Rejection(Decision<IStationOrderEvent> decision)
    {
        decision.Events.ShouldBeEmpty();
        return decision.Error.ShouldNotBeNull();
    }

    /// <summary>Scenario 3's order: milk 1 × 11.84 at 45 % (rule 1).</summary>
    private static StationOrderCreated Scenario3Order(params LineRequest[] lines) =>
        Then(When(Create(lines.Length == 0 ? [Line(Milk, "1", 1184)] : lines))).ShouldHaveSingleItem().ShouldBeOfType<StationOrderCreated>();

    private static StationOrderStatusChanged ToSorting => new(OrderId, StationOrderStatus.WaitingSorting, StationOrderStatus.Sorting, Now);

    private static StationOrderLine LineOf(StationOrderState? state, string sku) => state.ShouldNotBeNull().Lines.Single(l => l.SkuId == sku);

    // ---- create (§2.4) ----

    [Fact]
    public void creating_an_order_captures_each_lines_rate_now_with_or_without_a_rule()
    {
        var decision = When(Create([Line(Milk, "1", 1184, remark: "冷藏"), Line(Beans, "4.33", 100, priceTiming: true)]));
        var created = Then(decision).ShouldHaveSingleItem().ShouldBeOfType<StationOrderCreated>();

        created.OrderId.ShouldBe(OrderId);
        created.StationId.ShouldBe(Station);
        created.AddressId.ShouldBe(Merchant);
        created.Uid.ShouldBe(MerchantUid);
        created.ReceiveBeginTime.ShouldBe(Begin);
        created.ReceiveEndTime.ShouldBe(End);
        created.TimeConfigId.ShouldBe("ST1");
        created.Remark.ShouldBe("早点送");
        created.Address.ShouldBe("深圳市南山区");
        created.Client.ShouldBe(1);
        created.At.ShouldBe(Now);
        created.Lines.ShouldBe(
        [
            new StationOrderLine(Milk, "C2473562", 1m, 1184, false, "冷藏", 4500, true, 1, Now),
            new StationOrderLine(Beans, "C2723984", 4.33m, 100, true, null, 0, false, null, Now),
        ]);

        var answer = decision.Answer.ShouldBeOfType<OrderLinesAnswer>();
        answer.NewOrderIds.ShouldBe([OrderId]);
        answer.UpdateOrderIds.ShouldBeEmpty();
        answer.SuccessSkuIds.ShouldBe([Milk, Beans]);
        answer.ErrorSkus.ShouldBeEmpty();

        var state = Fold([created]).ShouldNotBeNull();
        state.Exists.ShouldBeTrue();
        state.Status.ShouldBe(StationOrderStatus.WaitingSorting);
        state.PayStatus.ShouldBe(StationPayStatus.Unpaid);
        state.Sheet.ShouldBeNull();
        state.TaxNumber.ShouldBeNull();
        state.IsPrinted.ShouldBeFalse();
        state.CreatedAt.ShouldBe(Now);
        state.Lines.ShouldBe(created.Lines);
    }

    [Fact]
    public void the_seeds_example_line_is_taxed_3_67_on_11_84()
    {
        var line = LineOf(Fold([Scenario3Order()]), Milk);
        var amount = TaxArithmetic.Amount(line.Quantity, line.UnitPrice);
        amount.ShouldBe(1184);
        TaxArithmetic.TaxOf(amount, line.TaxRate).ShouldBe(367);
        TaxArithmetic.WithoutTax(amount, line.TaxRate).ShouldBe(817);
    }

    [Fact]
    public void a_rule_of_0_is_captured_as_set_and_no_rule_as_not_set()
    {
        var zeroRule = ContextWith(("C2723984", new RateCapture(0, true, 7)));
        var zero = Then(When(Create([Line(Beans, "1", 100)], zeroRule))).ShouldHaveSingleItem().ShouldBeOfType<StationOrderCreated>();
        zero.Lines.ShouldHaveSingleItem().Rate.ShouldBe(new RateCapture(0, true, 7));
        Scenario3Order(Line(Beans, "1", 100)).Lines.ShouldHaveSingleItem().Rate.ShouldBe(RateCapture.NotSet);
        Then(When(Create([Line(Milk, "1", 1184)], NoRules))).ShouldHaveSingleItem().ShouldBeOfType<StationOrderCreated>()
            .Lines.ShouldHaveSingleItem().Rate.ShouldBe(RateCapture.NotSet);
    }

    [Fact]
    public void bad_lines_are_left_out_and_listed_while_good_lines_go_in()
    {
        var decision = When(Create(
        [
            Line(Milk, "1", 1184),
            Line("D00000000", "1", 100),                   // not a SKU of the station
            Line(Beans, "1", 100, spu: "C2473562"),        // not the SKU's SPU
            Line(Other, "0", 100),                         // quantity 0
            Line(Milk, "2", 1184),                         // listed twice
        ]));
        var created = Then(decision).ShouldHaveSingleItem().ShouldBeOfType<StationOrderCreated>();
        created.Lines.ShouldHaveSingleItem().SkuId.ShouldBe(Milk);
        created.Lines[0].Quantity.ShouldBe(1m);

        var answer = decision.Answer.ShouldBeOfType<OrderLinesAnswer>();
        answer.SuccessSkuIds.ShouldBe([Milk]);
        answer.ErrorSkus.Select(e => (e.SkuId, e.Field)).ShouldBe(
            [("D00000000", "sku_id"), (Beans, "spu_id"), (Other, "amount"), (Milk, "sku_id")]);
        answer.ErrorSkus.ShouldAllBe(e => e.Code == StationOrderDecider.Errors.Invalid);
    }

    public static TheoryData<string, string?, long?, string> BadLines => new()
    {
        { Other, "0", 100, "amount" },
        { Other, "-1", 100, "amount" },
        { Other, "3.333", 100, "amount" },
        { Other, null, 100, "amount" },
        { Other, "1", null, "unit_price" },
        { Other, "1", -1, "unit_price" },
        { "D99", "1", 100, "sku_id" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public void each_kind_of_bad_line_is_refused_alone(string sku, string? quantity, long? unitPrice, string field)
    {
        var bad = new LineRequest(sku, SpuOfSku.GetValueOrDefault(sku, "C0"),
            quantity is null ? null : decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture), unitPrice, false, null);
        var decision = When(Create([Line(Milk, "1", 1184), bad]));
        Then(decision).ShouldHaveSingleItem();
        decision.Answer.ShouldBeOfType<OrderLinesAnswer>().ErrorSkus.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.SkuId.ShouldBe(sku),
            e => e.Field.ShouldBe(field));
    }

    [Fact]
    public void a_time_priced_line_may_have_a_unit_price_of_0()
    {
        Then(When(Create([Line(Beans, "1", 0, priceTiming: true)]))).ShouldHaveSingleItem().ShouldBeOfType<StationOrderCreated>()
            .Lines.ShouldHaveSingleItem().UnitPrice.ShouldBe(0);
    }

    [Fact]
    public void an_order_with_no_valid_line_is_refused_with_the_line_errors()
    {
        var error = Rejection(When(Create([Line("D00000000", "1", 100), Line(Other, "1.001", 100)])));
        error.Code.ShouldBe(StationOrderDecider.Errors.NoValidLine);
        error.Field.ShouldBe("details");
        var answer = error.Details.ShouldBeOfType<OrderLinesAnswer>();
        answer.NewOrderIds.ShouldBeEmpty();
        answer.SuccessSkuIds.ShouldBeEmpty();
        answer.ErrorSkus.Select(e => e.SkuId).ShouldBe(["D00000000", Other]);
    }

    [Fact]
    public void header_errors_refuse_the_whole_order_naming_the_field()
    {
        Rejection(When(Create([Line(Milk, "1", 1184)], context: Context(uid: null)))).ShouldSatisfyAllConditions(
            e => e.Code.ShouldBe(StationOrderDecider.Errors.Invalid),
            e => e.Field.ShouldBe("address_id"));
        Rejection(When(Create([Line(Milk, "1", 1184)], uid: 280749))).Field.ShouldBe("uid");
        Rejection(When(Create([Line(Milk, "1", 1184)], begin: End, end: End))).Field.ShouldBe("receive_begin_time");
        Rejection(When(Create([Line(Milk, "1", 1184)], begin: End, end: Begin))).Field.ShouldBe("receive_begin_time");
        Rejection(When(Create([Line(Milk, "1", 1184)], timeConfigId: " "))).Field.ShouldBe("time_config_id");
        Rejection(When(Create([]))).Field.ShouldBe("details");
    }

    [Fact]
    public void a_header_error_wins_over_line_errors() =>
        Rejection(When(Create([Line("D00000000", "1", 100)], uid: 1))).ShouldSatisfyAllConditions(
            e => e.Code.ShouldBe(StationOrderDecider.Errors.Invalid),
            e => e.Field.ShouldBe("uid"));

    [Fact]
    public void an_order_id_is_created_once() =>
        Rejection(When(Create([Line(Milk, "1", 1184)]), Scenario3Order())).Code.ShouldBe(StationOrderDecider.Errors.AlreadyExists);

    [Fact]
    public void commands_on_an_unknown_order_or_another_stations_order_are_not_found()
    {
        Rejection(When(Edit(StationOrderEditMode.Replace, [Line(Milk, "1", 1184)]))).Code.ShouldBe(StationOrderDecider.Errors.NotFound);
        var otherStation = new SetStationOrderProgress(OrderId, "T0001", StationOrderStatus.Sorting, null, Later);
        Rejection(When(otherStation, Scenario3Order())).Code.ShouldBe(StationOrderDecider.Errors.NotFound);
        Rejection(When(new PrintDeliverySheet(OrderId, "T0001", 1, 1, Later), Scenario3Order())).Code.ShouldBe(StationOrderDecider.Errors.NotFound);
    }

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
