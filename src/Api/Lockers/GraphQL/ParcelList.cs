using Cabinets.Api.GraphQL.Connections;
using Cabinets.Domain.Lockers.Parcels;
using Cabinets.Projections.Lockers.Incidents;
using Cabinets.Projections.Lockers.Parcels;
using Npgsql;

namespace Cabinets.Api.Lockers.GraphQL;

/// <summary>A parcel as the console lists it; name and phone are still sealed (`pd1:` values) and are masked on the way out.</summary>
internal sealed record ParcelView(
    string RecordNumber, string OrderNumber, string Status, string CabinetSerial, string PartnerId, int? DoorNumber,
    string RecipientName, string RecipientPhone, string Channel, DateTimeOffset BookedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? StoredAt, DateTimeOffset? PickedUpAt);

/// <summary>
/// The console's lists over the inline locker documents (an incident document's id is its event's id:
/// its global sequence is read from `mt_events`, since an inline projection runs before the quick
/// append assigns it) (Marten's <c>mt_doc_*</c> tables; the
/// expressions match the indexes of CritterStackSetup). `recipientPhone` compares the keyed hash of
/// the phone, and only while the key that sealed the parcel's phone exists: after `erasePersonalData` it
/// matches nothing, even once the same number books again under a new key.
/// </summary>
internal static class ParcelList
{
    private const string Doc = "public.mt_doc_parcelsnapshot d";

    public const string PhoneField = "recipientPhone";

    public static ConnectionTable<ParcelView> Parcels { get; } = new(
        "Parcel", "Parcels", Doc,
        [
            new("recordNumber", "(d.data ->> 'RecordNumber')", ColumnType.String),
            new("orderNumber", "(d.data ->> 'OrderNumber')", ColumnType.String),
            new("status", "(d.data ->> 'Status')", ColumnType.Enum)
            {
                Enum = new EnumColumn("ParcelStatus", v => ParcelSnapshot.StatusName((ParcelStatus)v)),
            },
            new("cabinetSerial", "(d.data ->> 'SerialNumber')", ColumnType.String),
            new("partnerId", "(d.data ->> 'PartnerId')", ColumnType.String),
            new(PhoneField,
                "(case when exists (select 1 from personal_data.keys k where k.subject = d.data ->> 'RecipientSubject' " +
                "and d.data ->> 'RecipientPhone' like 'pd1:' || k.subject || '.' || left(encode(sha256(k.key), 'hex'), 8) || ':%') " +
                "then d.data ->> 'RecipientSubject' end)",
                ColumnType.String) { Nullable = true, Sortable = false },
            new("bookedAt", "public.mt_immutable_timestamptz(d.data ->> 'BookedAt')", ColumnType.DateTime),
            new("storedAt", "public.mt_immutable_timestamptz(d.data ->> 'StoredAt')", ColumnType.DateTime) { Nullable = true },
        ],
        key: ["recordNumber"], ReadParcel)
    {
        NodeType = "Parcel",
        Select =
        [
            "d.data ->> 'RecordNumber'", "d.data ->> 'OrderNumber'", "d.data ->> 'Status'", "d.data ->> 'SerialNumber'", "d.data ->> 'PartnerId'",
            "(d.data ->> 'DoorNumber')::int", "d.data ->> 'RecipientName'", "d.data ->> 'RecipientPhone'", "d.data ->> 'Channel'",
            "public.mt_immutable_timestamptz(d.data ->> 'BookedAt')", "public.mt_immutable_timestamptz(d.data ->> 'ExpiresAt')",
            "public.mt_immutable_timestamptz(d.data ->> 'StoredAt')", "public.mt_immutable_timestamptz(d.data ->> 'PickedUpAt')",
        ],
    };

    public static ConnectionTable<DoorAnomaly> Anomalies { get; } = new(
        "DoorAnomaly", "DoorAnomalies", "public.mt_doc_dooranomaly d",
        [
            new("sequence", "(select e.seq_id from public.mt_events e where e.id = d.id)", ColumnType.Long),
            new("cabinetSerial", "(d.data ->> 'SerialNumber')", ColumnType.String),
            new("doorNumber", "((d.data ->> 'DoorNumber')::int)", ColumnType.Int),
            new("kind", "(d.data ->> 'Kind')", ColumnType.String),
            new("recordNumber", "(d.data ->> 'RecordNumber')", ColumnType.String) { Nullable = true },
            new("at", "public.mt_immutable_timestamptz(d.data ->> 'At')", ColumnType.DateTime),
            new("resolved", $"(exists ({Resolution}))", ColumnType.Boolean) { Sortable = false },
        ],
        key: ["sequence"], r => new DoorAnomaly
        {
            Sequence = r.GetInt64(0), SerialNumber = r.GetString(1), DoorNumber = r.GetInt32(2), Kind = r.GetString(3),
            RecordNumber = r.IsDBNull(4) ? null : r.GetString(4), At = r.GetFieldValue<DateTimeOffset>(5),
            Resolution = r.IsDBNull(6) ? null : System.Text.Json.JsonSerializer.Deserialize<DoorAnomalyResolution>(r.GetString(6)),
        })
    {
        NodeType = "DoorAnomaly",
        Select = ["(select e.seq_id from public.mt_events e where e.id = d.id)", "d.data ->> 'SerialNumber'", "(d.data ->> 'DoorNumber')::int", "d.data ->> 'Kind'",
            "d.data ->> 'RecordNumber'", "public.mt_immutable_timestamptz(d.data ->> 'At')", $"({Resolution} order by (select e.seq_id from public.mt_events e where e.id = r.id) limit 1)"],
    };

    /// <summary>The resolutions of an anomaly: an admin's, for its door, after it was raised.</summary>
    private const string Resolution =
        "select r.data::text from public.mt_doc_dooranomalyresolution r where r.data ->> 'SerialNumber' = d.data ->> 'SerialNumber' " +
        "and (r.data ->> 'DoorNumber')::int = (d.data ->> 'DoorNumber')::int " +
        "and (select e.seq_id from public.mt_events e where e.id = r.id) > (select e.seq_id from public.mt_events e where e.id = d.id)";

    public static ConnectionTable<DoorFaultRecord> Faults { get; } = new(
        "DoorFault", "DoorFaults", "public.mt_doc_doorfaultrecord d",
        [
            new("sequence", "(select e.seq_id from public.mt_events e where e.id = d.id)", ColumnType.Long),
            new("cabinetSerial", "(d.data ->> 'SerialNumber')", ColumnType.String),
            new("doorNumber", "((d.data ->> 'DoorNumber')::int)", ColumnType.Int) { Nullable = true },
            new("kind", "(d.data ->> 'Kind')", ColumnType.String),
            new("at", "public.mt_immutable_timestamptz(d.data ->> 'At')", ColumnType.DateTime),
        ],
        key: ["sequence"], r => new DoorFaultRecord
        {
            Sequence = r.GetInt64(0), SerialNumber = r.GetString(1), DoorNumber = r.IsDBNull(2) ? null : r.GetInt32(2), Kind = r.GetString(3),
            Description = r.IsDBNull(4) ? null : r.GetString(4), Actor = r.IsDBNull(5) ? null : r.GetString(5), At = r.GetFieldValue<DateTimeOffset>(6),
        })
    {
        NodeType = "DoorFault",
        Select = ["(select e.seq_id from public.mt_events e where e.id = d.id)", "d.data ->> 'SerialNumber'", "(d.data ->> 'DoorNumber')::int", "d.data ->> 'Kind'",
            "d.data ->> 'Description'", "d.data ->> 'Actor'", "public.mt_immutable_timestamptz(d.data ->> 'At')"],
    };

    private static ParcelView ReadParcel(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetInt32(5),
        r.GetString(6), r.GetString(7), r.GetString(8), r.GetFieldValue<DateTimeOffset>(9), r.GetFieldValue<DateTimeOffset>(10),
        r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11), r.IsDBNull(12) ? null : r.GetFieldValue<DateTimeOffset>(12));

    public static ParcelView ViewOf(ParcelSnapshot p) => new(p.RecordNumber, p.OrderNumber, p.Status, p.SerialNumber, p.PartnerId, p.DoorNumber,
        p.RecipientName, p.RecipientPhone, p.Channel, p.BookedAt, p.ExpiresAt, p.StoredAt, p.PickedUpAt);
}
