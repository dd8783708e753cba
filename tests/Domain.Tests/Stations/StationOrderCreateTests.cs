using Cabinets.Domain.Deciding;
using Cabinets.Domain.Stations;
using Cabinets.Domain.Stations.Orders;
using Cabinets.Domain.Stations.TaxRules;

namespace Cabinets.Domain.Tests.Stations;

/// <summary>Creating a station order (TAX.md §2.4): each line captures the rate in force; bad lines are refused alone.</summary>
public sealed class StationOrderCreateTests : StationOrderSpecs
{
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
}
