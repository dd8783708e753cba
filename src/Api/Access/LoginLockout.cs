using Npgsql;

namespace Cabinets.Api.Access;

/// <summary>
/// <see cref="MaxFailures"/> failed sign-ins for one username within <see cref="Window"/> lock it for
/// <see cref="Duration"/> after the last of them (defaults 5, 15 min, 15 min; `Auth:Lockout:*`). Counted
/// per username typed, whether or not such a user exists, so the answer never tells (ADR-0026).
/// Attempts during a lock are not counted; a successful sign-in clears the count.
/// </summary>
internal sealed class LoginLockout(NpgsqlDataSource db, TimeProvider clock)
{
    public int MaxFailures { get; init; } = 5;

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(15);

    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Usernames are lower case (the validator); what is typed is compared the same way.</summary>
    private static string Key(string username) => username.Trim().ToLowerInvariant();

    public async Task<DateTimeOffset?> LockedUntilAsync(string username, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = now - Window - Duration;
        await using var cmd = db.CreateCommand("select at from access.login_failures where username = $1 and at > $2 order by at");
        cmd.Parameters.Add(new NpgsqlParameter { Value = Key(username) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = since.ToUniversalTime() });
        var times = new List<DateTimeOffset>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) times.Add(r.GetFieldValue<DateTimeOffset>(0));
        DateTimeOffset? until = null;
        for (var i = MaxFailures - 1; i < times.Count; i++)
            if (times[i] - times[i - MaxFailures + 1] <= Window && times[i] + Duration > now) until = times[i] + Duration;
        return until;
    }

    public async Task RecordFailureAsync(string username, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var batch = db.CreateBatch();
        var insert = new NpgsqlBatchCommand("insert into access.login_failures (username, at) values ($1, $2)");
        insert.Parameters.Add(new NpgsqlParameter { Value = Key(username) });
        insert.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
        var purge = new NpgsqlBatchCommand("delete from access.login_failures where username = $1 and at < $2");
        purge.Parameters.Add(new NpgsqlParameter { Value = Key(username) });
        purge.Parameters.Add(new NpgsqlParameter { Value = (now - Window - Duration).ToUniversalTime() });
        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(purge);
        await batch.ExecuteNonQueryAsync(ct);
    }

    public async Task ClearAsync(string username, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("delete from access.login_failures where username = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = Key(username) });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
