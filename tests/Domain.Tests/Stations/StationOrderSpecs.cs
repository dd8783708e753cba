using Cabinets.Domain.Deciding;
using Cabinets.Domain.Stations;
using Cabinets.Domain.Stations.Orders;
using Cabinets.Domain.Stations.TaxRules;

namespace Cabinets.Domain.Tests.Stations;

/// <summary>The fixture of TAX.md §5 for the order decider's Given/When/Then tests: merchant, SKUs, rates and builders.</summary>
public abstract class StationOrderSpecs
{
    protected const string Station = "T7936";
    protected const string OrderId = "PL8841170";
    protected const int Merchant = 217824;
    protected const int MerchantUid = 231367;
    protected const string Milk = "D11862266";      // SPU C2473562
    protected const string Beans = "D13415925";     // SPU C2723984
    protected const string Other = "D13523696";     // SPU C1969177
    protected static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);
    protected static readonly DateTimeOffset Later = Now.AddHours(1);
    protected static readonly DateTimeOffset Begin = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
    protected static readonly DateTimeOffset End = Begin.AddHours(2);

    protected static readonly RateCapture Rule1At45 = new(4500, true, 1);
    protected static readonly RateCapture Rule1At13 = new(1300, true, 1);

    protected static readonly IDecider<StationOrderCommand, StationOrderState?, IStationOrderEvent> Decider = StationOrderDecider.Instance;

    protected static readonly IReadOnlyDictionary<string, string> SpuOfSku = new Dictionary<string, string>
    {
        [Milk] = "C2473562",
        [Beans] = "C2723984",
        [Other] = "C1969177",
    };

    /// <summary>What the handler would look up for merchant 217824; by default rule 1 covers milk at 45 %.</summary>
    protected static OrderContext Context(int? uid = MerchantUid, params (string Spu, RateCapture Rate)[] rates) =>
        new(uid, SpuOfSku, (rates.Length == 0 ? [("C2473562", Rule1At45)] : rates).ToDictionary(r => r.Spu, r => r.Rate));

    protected static OrderContext ContextWith(params (string Spu, RateCapture Rate)[] rates) => Context(MerchantUid, rates);

    protected static OrderContext NoRules => new(MerchantUid, SpuOfSku, new Dictionary<string, RateCapture>());

    protected static LineRequest Line(string sku, string quantity, long? unitPrice, bool priceTiming = false, string? remark = null, string? spu = null) =>
        new(sku, spu ?? SpuOfSku.GetValueOrDefault(sku, "C0"), decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture), unitPrice, priceTiming, remark);

    protected static CreateStationOrder Create(IReadOnlyList<LineRequest> lines, OrderContext? context = null, int uid = MerchantUid,
        DateTimeOffset? begin = null, DateTimeOffset? end = null, string timeConfigId = "ST1", string orderId = OrderId) =>
        new(orderId, Station, Merchant, uid, begin ?? Begin, end ?? End, timeConfigId, "早点送", "深圳市南山区", lines, context ?? Context(), Now);

    protected static EditStationOrder Edit(StationOrderEditMode mode, IReadOnlyList<LineRequest> lines, OrderContext? context = null,
        DateTimeOffset? begin = null, DateTimeOffset? end = null, string? remark = null) =>
        new(OrderId, Station, mode, lines, begin, end, remark, context ?? Context(), Later);

    protected static StationOrderState? Fold(IEnumerable<IStationOrderEvent> events, StationOrderState? state = null) =>
        events.Aggregate(state ?? Decider.Initial, Decider.Evolve);

    protected static Decision<IStationOrderEvent> When(StationOrderCommand command, params IStationOrderEvent[] given) => Decider.Decide(command, Fold(given));

    protected static IReadOnlyList<IStationOrderEvent> Then(Decision<IStationOrderEvent> decision)
    {
        decision.Error.ShouldBeNull();
        return decision.Events;
    }

    protected static DomainError Rejection(Decision<IStationOrderEvent> decision)
    {
        decision.Events.ShouldBeEmpty();
        return decision.Error.ShouldNotBeNull();
    }

    /// <summary>Scenario 3's order: milk 1 × 11.84 at 45 % (rule 1).</summary>
    protected static StationOrderCreated Scenario3Order(params LineRequest[] lines) =>
        Then(When(Create(lines.Length == 0 ? [Line(Milk, "1", 1184)] : lines))).ShouldHaveSingleItem().ShouldBeOfType<StationOrderCreated>();

    protected static StationOrderStatusChanged ToSorting => new(OrderId, StationOrderStatus.WaitingSorting, StationOrderStatus.Sorting, Now);

    protected static StationOrderLine LineOf(StationOrderState? state, string sku) => state.ShouldNotBeNull().Lines.Single(l => l.SkuId == sku);
}
