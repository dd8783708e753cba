using Cabinets.EventStore.Events;

namespace Cabinets.EventStore.Bench;

internal sealed record AccountOpened(string Owner);
internal sealed record MoneyDeposited(long Amount, string Reference);
internal sealed record MoneyWithdrawn(long Amount, string Reference);

internal static class BenchEvents
{
    public static readonly EventMetadata Metadata = new(new Actor("bench", "system", "bench"), CorrelationId: "bench");

    public static EventTypeRegistry Registry() => new EventTypeRegistry()
        .Register<AccountOpened>("bench.account_opened")
        .Register<MoneyDeposited>("bench.money_deposited")
        .Register<MoneyWithdrawn>("bench.money_withdrawn");

    public static object Make(long i) => (i % 3) switch
    {
        0 => new AccountOpened($"owner-{i}"),
        1 => new MoneyDeposited(i, $"ref-{i}"),
        _ => new MoneyWithdrawn(i, $"ref-{i}"),
    };
}
