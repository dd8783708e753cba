using Cabinets.Api.Commands;
using Npgsql;

namespace Cabinets.Api.Lockers.Partners.Rest;

/// <summary>`partners.idempotency_keys`, keyed per partner; it keeps the first answer's content type too (ADR-0023).</summary>
internal sealed class PartnerIdempotencyKeys(NpgsqlDataSource db, TimeProvider clock)
    : IdempotencyKeyStore(db, clock, "partners.idempotency_keys", "partner_id", keepsContentType: true);
