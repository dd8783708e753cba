using Cabinets.Api.Commands;
using Npgsql;

namespace Cabinets.Api.Vending;

/// <summary>
/// `vending.idempotency_keys`, keyed per caller (a mini-program user, an admin): the app's
/// `Idempotency-Key` header and the console's `idempotencyKey` (ADR-0019).
/// </summary>
internal sealed class VendingIdempotencyKeys(NpgsqlDataSource db, TimeProvider clock)
    : IdempotencyKeyStore(db, clock, "vending.idempotency_keys", "owner", keepsContentType: true)
{
    public static Weasel.Postgresql.Tables.Table Table() =>
        Table("vending", "idempotency_keys", "owner", keepsContentType: true, "vending_idempotency_keys_pkey");
}
