using Cabinets.Api.Commands;
using Cabinets.Api.PersonalData;
using Cabinets.Domain.Stations.Reference;
using Cabinets.Projections.Stations;
using Marten;
using Wolverine;

namespace Cabinets.Api.Stations.Handlers;

/// <summary>
/// The receiver's name and phone are personal data: they reach the event encrypted with the
/// receiver's own key (ADR-0020). An upsert that repeats what is stored keeps the stored ciphertext,
/// so it still records nothing.
/// </summary>
public static class UpsertStationMerchantHandler
{
    public static Task<CommandOutcome> Handle(UpsertStationMerchant command, IDocumentSession session, IMessageContext messages,
        PersonalDataVault vault, CancellationToken ct) =>
        StreamDecisions.DecideAsync<StationMerchantSnapshot, UpsertStationMerchant, StationMerchant?, IStationReferenceEvent>(session, messages,
            StationReferenceEventNames.MerchantStreamId(command.Merchant.StationId, command.Merchant.AddressId), StationReferenceDecider.Merchants,
            current => ProtectAsync(command, current, vault, ct), s => s.Merchant, ct);

    private static async Task<UpsertStationMerchant> ProtectAsync(UpsertStationMerchant command, StationMerchant? current, PersonalDataVault vault, CancellationToken ct)
    {
        var m = command.Merchant;
        if (current is not null && await vault.RevealAsync(current.ReceiverName, ct) == m.ReceiverName
                                && await vault.RevealAsync(current.ReceiverPhone, ct) == m.ReceiverPhone)
            return command with { Merchant = m with { ReceiverName = current.ReceiverName, ReceiverPhone = current.ReceiverPhone } };
        var person = m.ReceiverPhone ?? m.ReceiverName;
        if (person is null) return command;
        return command with
        {
            Merchant = m with { ReceiverName = await vault.ProtectAsync(person, m.ReceiverName, ct), ReceiverPhone = await vault.ProtectAsync(person, m.ReceiverPhone, ct) },
        };
    }
}

public static class UpsertStationSkuHandler
{
    public static Task<CommandOutcome> Handle(UpsertStationSku command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StreamDecisions.DecideAsync<StationSkuSnapshot, UpsertStationSku, StationSku?, IStationReferenceEvent>(session, messages,
            StationReferenceEventNames.SkuStreamId(command.Sku.StationId, command.Sku.SkuId), StationReferenceDecider.Skus,
            command, s => s.Sku, ct);
}
