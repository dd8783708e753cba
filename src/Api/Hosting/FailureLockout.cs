using Npgsql;

namespace Cabinets.Api.Hosting;

/// <summary>
/// Failed attempts kept as rows (key, time) in a table every node reads: <see cref="MaxFailures"/>
/// within <see cref="Window"/> lock the key for <see cref="Duration"/> after the last of them.
/// Attempts during a lock are not to be counted, so a lock ends <see cref="Duration"/> after the
/// failure that started it. Sign-ins (per username, ADR-0026) and pickup codes (per bank, ADR-0022).
/// </summary>
public abstract class FailureLockout(NpgsqlDataSource db, TimeProvider clock, string table, string keyColumn)
{
    public int MaxFailures { get; init; } = 5;

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    protected async Task<DateTimeOffset?> KeyLockedUntilAsync(string key, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var cmd = db.CreateCommand($"select at from {table} where {keyColumn} = $1 and at > $2 order by at");
        cmd.Parameters.Add(new NpgsqlParameter { Value = key });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (now - Window - Duration).ToUniversalTime() });
        var times = new List<DateTimeOffset>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) times.Add(r.GetFieldValue<DateTimeOffset>(0));
        DateTimeOffset? until = null;
        for (var i = MaxFailures - 1; i < times.Count; i++)
            if (times[i] - times[i - MaxFailures + 1] <= Window && times[i] + Duration > now) until = times[i] + Duration;
        return until;
    }

    protected async Task RecordKeyFailureAsync(string key, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var batch = db.CreateBatch();
        var insert = new NpgsqlBatchCommand($"insert into {table} ({keyColumn}, at) values ($1, $2)");
        insert.Parameters.Add(new NpgsqlParameter { Value = key });
        insert.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
        var purge = new NpgsqlBatchCommand($"delete from {table} where {keyColumn} = $1 and at < $2");
        purge.Parameters.Add(new NpgsqlParameter { Value = key });
        purge.Parameters.Add(new NpgsqlParameter { Value = (now - Window - Duration).ToUniversalTime() });
        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(purge);
        await batch.ExecuteNonQueryAsync(ct);
    }

    protected async Task ClearKeyAsync(string key, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"delete from {table} where {keyColumn} = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = key });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
