using Cabinets.Api.Commands;
using Npgsql;

namespace Cabinets.Api.Stations;

/// <summary>
/// `stations.idempotency_keys`, keyed per station: the station REST's `Idempotency-Key` and the
/// console's `idempotencyKey` (ADR-0019).
/// </summary>
public sealed class IdempotencyKeys(NpgsqlDataSource db, TimeProvider clock)
    : IdempotencyKeyStore(db, clock, "stations.idempotency_keys", "station_id", keepsContentType: false);
