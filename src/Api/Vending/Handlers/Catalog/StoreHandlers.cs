using Cabinets.Api.Commands;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Catalog;
using Cabinets.Projections.Vending.Catalog;
using Marten;
using Wolverine;

namespace Cabinets.Api.Vending.Handlers.Catalog;

/// <summary>A store's stream (`vending-store-{code}`), decided by <see cref="StoreDecider"/>.</summary>
public static class StoreStream
{
    public static Task<CommandOutcome> DecideAsync(StoreCommand command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StreamDecisions.DecideAsync<VendingStoreSnapshot, StoreCommand, StoreState?, object>(session, messages,
            VendingEventNames.Store(command.StoreCode), StoreDecider.Instance, command, s => s.State, ct);
}

public static class RegisterStoreHandler
{
    public static Task<CommandOutcome> Handle(RegisterStore command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StoreStream.DecideAsync(command, session, messages, ct);
}

public static class UpdateStoreHandler
{
    public static Task<CommandOutcome> Handle(UpdateStore command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StoreStream.DecideAsync(command, session, messages, ct);
}
