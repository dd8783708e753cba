using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Domain.Lockers.Parcels;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Cabinets.Projections.Lockers.Parcels;

/// <summary>
/// One parcel as the decider, the IBS look-ups and the console read it, kept inline next to its
/// stream (`parcel-{recordNumber}`), so a deposit or a pickup right after a booking finds it. Flat
/// fields, indexed in CritterStackSetup for the look-ups of the firmware (order number and bank,
/// code hash and bank) and the console's filters. The recipient's name and phone stay sealed
/// (`pd1:` values); <see cref="RecipientSubject"/> is the keyed hash of the phone.
/// </summary>
public sealed class ParcelSnapshot
{
    public string Id { get; set; } = "";

    public string RecordNumber { get; set; } = "";

    public string OrderNumber { get; set; } = "";

    public string PartnerId { get; set; } = "";

    public string SerialNumber { get; set; } = "";

    /// <summary>The contract's spelling: BOOKED, STORED, PICKED_UP, EXPIRED, OVERDUE, CANCELLED.</summary>
    public string Status { get; set; } = "";

    public DoorAttributes? Kind { get; set; }

    public int? DoorNumber { get; set; }

    public string? CodeHash { get; set; }

    public string RecipientSubject { get; set; } = "";

    public string RecipientName { get; set; } = "";

    public string RecipientPhone { get; set; } = "";

    public string Channel { get; set; } = "";

    public DateTimeOffset BookedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? StoredAt { get; set; }

    public DateTimeOffset? RemindAt { get; set; }

    public DateTimeOffset? OverdueAt { get; set; }

    public DateTimeOffset? PickedUpAt { get; set; }

    public bool Reminded { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public static string StatusName(ParcelStatus status) => status switch
    {
        ParcelStatus.Booked => "BOOKED",
        ParcelStatus.Stored => "STORED",
        ParcelStatus.PickedUp => "PICKED_UP",
        ParcelStatus.Expired => "EXPIRED",
        ParcelStatus.Overdue => "OVERDUE",
        _ => "CANCELLED",
    };

    public static ParcelStatus StatusOf(string name) => name switch
    {
        "BOOKED" => ParcelStatus.Booked,
        "STORED" => ParcelStatus.Stored,
        "PICKED_UP" => ParcelStatus.PickedUp,
        "EXPIRED" => ParcelStatus.Expired,
        "OVERDUE" => ParcelStatus.Overdue,
        _ => ParcelStatus.Cancelled,
    };

    /// <summary>The decider's state this row stands for.</summary>
    public ParcelState State() => new(StatusOf(Status), RecordNumber, OrderNumber, PartnerId, SerialNumber, Kind, RecipientSubject, RecipientPhone, ExpiresAt,
        DoorNumber, CodeHash, StoredAt, RemindAt, OverdueAt, PickedUpAt, Reminded);

    public void Fold(IParcelEvent e)
    {
        switch (e)
        {
            case ParcelBooked b:
                RecordNumber = b.RecordNumber;
                OrderNumber = b.OrderNumber;
                PartnerId = b.PartnerId;
                SerialNumber = b.SerialNumber;
                Kind = b.Kind;
                RecipientSubject = b.RecipientSubject;
                RecipientName = b.RecipientName;
                RecipientPhone = b.RecipientPhone;
                Channel = b.Channel;
                BookedAt = b.At;
                ExpiresAt = b.ExpiresAt;
                Status = StatusName(ParcelStatus.Booked);
                UpdatedAt = b.At;
                break;
            case ParcelStored s:
                DoorNumber = s.DoorNumber;
                CodeHash = s.CodeHash;
                StoredAt = s.At;
                RemindAt = s.RemindAt;
                OverdueAt = s.OverdueAt;
                Status = StatusName(ParcelStatus.Stored);
                UpdatedAt = s.At;
                break;
            case ParcelPickedUp p:
                PickedUpAt = p.At;
                Status = StatusName(ParcelStatus.PickedUp);
                UpdatedAt = p.At;
                break;
            case BookingExpired x:
                Status = StatusName(ParcelStatus.Expired);
                UpdatedAt = x.At;
                break;
            case BookingCancelled c:
                Status = StatusName(ParcelStatus.Cancelled);
                UpdatedAt = c.At;
                break;
            case PickupReminderSent r:
                Reminded = true;
                UpdatedAt = r.At;
                break;
            case ParcelOverdue o:
                Status = StatusName(ParcelStatus.Overdue);
                UpdatedAt = o.At;
                break;
        }
    }
}

/// <summary>Inline: written in the command's own transaction, so the next frame's look-up reads it.</summary>
public sealed partial class ParcelSnapshotProjection : SingleStreamProjection<ParcelSnapshot, string>
{
    public ParcelSnapshotProjection()
    {
        foreach (var (type, _, _) in ParcelEventNames.All) IncludeType(type);
    }

    public override ParcelSnapshot? Evolve(ParcelSnapshot? snapshot, string id, IEvent e)
    {
        if (e.Data is not IParcelEvent known) return snapshot;
        snapshot ??= new ParcelSnapshot { Id = id };
        snapshot.Fold(known);
        return snapshot;
    }
}
