using Npgsql;

namespace Cabinets.Api.Lockers.Parcels;

/// <summary>
/// Five wrong codes within ten minutes at one bank lock its code entry for the next ten minutes
/// (IBS-PROTOCOL.md §7, error 2008). Failures are rows in `lockers.pickup_failures`, not events: a
/// wrong code changes nothing, and every node sees the same count. Attempts during a lock are not
/// counted, so a lock ends ten minutes after the failure that started it.
/// </summary>
public sealed class PickupLockout(NpgsqlDataSource db, TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>A pickup without a serial counts against one shared bucket: it cannot be told apart by bank.</summary>
    public static string Bucket(string? serial) => string.IsNullOrEmpty(serial) ? "" : serial;

    public async Task<DateTimeOffset?> LockedUntilAsync(string? serial, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var cmd = db.CreateCommand("select at from lockers.pickup_failures where serial_number = $1 and at > $2 order by at");
        cmd.Parameters.Add(new NpgsqlParameter { Value = Bucket(serial) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (now - 2 * Window).ToUniversalTime() });
        var times = new List<DateTimeOffset>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) times.Add(r.GetFieldValue<DateTimeOffset>(0));
        DateTimeOffset? until = null;
        for (var i = MaxFailures - 1; i < times.Count; i++)
            if (times[i] - times[i - MaxFailures + 1] <= Window && times[i] + Window > now) until = times[i] + Window;
        return until;
    }

    public async Task RecordFailureAsync(string? serial, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var batch = db.CreateBatch();
        var insert = new NpgsqlBatchCommand("insert into lockers.pickup_failures (serial_number, at) values ($1, $2)");
        insert.Parameters.Add(new NpgsqlParameter { Value = Bucket(serial) });
        insert.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
        var purge = new NpgsqlBatchCommand("delete from lockers.pickup_failures where serial_number = $1 and at < $2");
        purge.Parameters.Add(new NpgsqlParameter { Value = Bucket(serial) });
        purge.Parameters.Add(new NpgsqlParameter { Value = (now - 2 * Window).ToUniversalTime() });
        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(purge);
        await batch.ExecuteNonQueryAsync(ct);
    }
}
