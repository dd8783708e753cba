using Npgsql;

namespace Cabinets.Api.Lockers.Partners.Rest;

/// <summary>
/// `partners.nonces`: every nonce a partner used in the last 10 minutes, in PostgreSQL so that every
/// node refuses a replay another node accepted (ADR-0023). A nonce older than the window may be
/// used again: its request's timestamp is stale by then (±300 s), so it is refused anyway. Old rows
/// are purged at most once a minute per node.
/// </summary>
internal sealed class PartnerNonces(NpgsqlDataSource db, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromMinutes(1);
    private long nextPurgeTicks;

    /// <summary>True when this nonce was not used by this partner within the window; it is recorded either way in one statement.</summary>
    public async Task<bool> TryUseAsync(string partnerId, string nonce, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        await PurgeAsync(now, ct);
        await using var cmd = db.CreateCommand("""
            insert into partners.nonces (partner_id, nonce, seen_at) values ($1, $2, $3)
            on conflict (partner_id, nonce) do update set seen_at = excluded.seen_at where partners.nonces.seen_at < $4
            returning 1
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = partnerId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = nonce });
        cmd.Parameters.Add(new NpgsqlParameter { Value = now });
        cmd.Parameters.Add(new NpgsqlParameter { Value = now - Window });
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    private async Task PurgeAsync(DateTimeOffset now, CancellationToken ct)
    {
        var due = Interlocked.Read(ref nextPurgeTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref nextPurgeTicks, (now + PurgeEvery).UtcTicks, due) != due) return;
        await using var cmd = db.CreateCommand("delete from partners.nonces where seen_at < $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = now - Window });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
