using Cabinets.Domain.Deciding;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Catalog;

namespace Cabinets.Domain.Tests.Vending.Catalog;

/// <summary>Given events, when a command, then events: the catalog deciders folded from their own Evolve.</summary>
public abstract class CatalogSpecs
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);

    protected static readonly StoreRegistered S001 = new("S001", "欢乐儿童店", StoreType.Kids, StoreProperty.Direct, "上海市徐汇区", "021-5555", 20000, Now);
    protected static readonly StoreState S001State = StoreState.Evolve(null, S001)!;
    protected static readonly StoreState S002State = StoreState.Evolve(null, S001 with { StoreCode = "S002", StoreName = "电玩城" })!;

    protected static TState Given<TState>(IEvolver<TState, object> evolver, params object[] events) => events.Aggregate(evolver.Initial, evolver.Evolve);

    protected static DeviceState? BoundDevice(string code = "D001") => Given(DeviceDecider.Instance,
        new DeviceRegistered(code, "S001", DeviceDecider.DefaultQrCode(code), Now), new DeviceBindRequested(code, "S001", "VB1", Now), new DeviceBound(code, "S001", Now));
}
