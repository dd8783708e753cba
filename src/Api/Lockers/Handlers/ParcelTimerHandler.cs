using Cabinets.Api.Commands;
using Cabinets.Api.Lockers.Parcels;
using Cabinets.Api.PersonalData;
using Cabinets.Domain.Lockers.Parcels;
using Marten;
using Wolverine;

namespace Cabinets.Api.Lockers.Handlers;

/// <summary>
/// A parcel's scheduled timer fired (Wolverine scheduled message, ADR-0021): it becomes the
/// matching command at this handler's clock. Each command checks the parcel's own deadline, so a
/// timer delivered early, late or twice decides at most once.
/// </summary>
public static class ParcelTimerHandler
{
    public static Task<CommandOutcome> Handle(
        ParcelTimer timer, IDocumentSession session, IMessageContext messages, TimeProvider clock, PersonalDataVault vault, ParcelTexts texts, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return ParcelStream.DecideAsync(timer.RecordNumber, async (parcel, bank) => timer.Kind switch
        {
            ParcelTimerKind.BookingExpiry => new ExpireBooking(timer.RecordNumber, now),
            ParcelTimerKind.Overdue => new MarkOverdue(timer.RecordNumber, now),
            _ => await ReminderAsync(timer.RecordNumber, parcel, bank, now, vault, texts, ct),
        }, session, messages, ct);
    }

    /// <summary>The reminder's text is sealed for the recipient; an erased recipient gets no reminder.</summary>
    private static async Task<ParcelCommand?> ReminderAsync(
        string record, ParcelState parcel, Domain.Lockers.Cabinets.CabinetState bank, DateTimeOffset now, PersonalDataVault vault, ParcelTexts texts, CancellationToken ct)
    {
        if (parcel.Status != ParcelStatus.Stored || parcel.Reminded || now < parcel.RemindAt) return null;
        var text = await vault.ProtectForSubjectAsync(parcel.RecipientSubject, texts.Reminder(parcel, bank), ct);
        return text is null ? null : new RemindPickup(record, $"sms-{record}-reminder", text, now);
    }
}
