using System.Security.Cryptography;
using System.Security.Claims;
using Cabinets.Api.Access;
using Npgsql;

namespace Cabinets.Api.Stations.Rest;

/// <summary>
/// `Idempotency-Key` on every station POST (API-CONTRACT, TAX.md §6.x): the first request with a key
/// claims it before anything runs, and its answer is kept; a repeat with the same body gets that
/// answer byte for byte, with another body `code` 1005. A repeat that arrives while the first is
/// still running is told to retry (1006) instead of running the command twice. Keys are per station
/// and kept for 24 hours.
/// </summary>
internal sealed class StationIdempotency(NpgsqlDataSource db, TimeProvider clock) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    private static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (!HttpMethods.IsPost(http.Request.Method) || string.IsNullOrEmpty(key) || http.User.Identity?.IsAuthenticated != true) return await next(context);
        if (key.Length > 200) return StationRest.Invalid("Idempotency-Key", "must be at most 200 characters");

        var station = http.User.FindFirstValue(BearerTokenAuthentication.StationClaim) ?? http.RequestServices.GetRequiredService<StationRest.StationSettings>().DefaultStationId;
        http.Request.EnableBuffering();
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        http.Request.Body.Position = 0;
        var hash = Convert.ToHexString(SHA256.HashData([.. System.Text.Encoding.UTF8.GetBytes(http.Request.Path.Value ?? ""), 0, .. buffer.ToArray()]));

        if (await ClaimAsync(station, key, hash, http.RequestAborted)) return await RunAndKeepAsync(context, next, station, key);

        await using var read = db.CreateCommand("select request_hash, status, body from stations.idempotency_keys where station_id = $1 and key = $2");
        read.Parameters.Add(new NpgsqlParameter { Value = station });
        read.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var row = await read.ExecuteReaderAsync(http.RequestAborted);
        if (!await row.ReadAsync(http.RequestAborted)) return StationRest.Fail(1006, "idempotency key is being reused; retry");
        if (row.GetString(0) != hash) return StationRest.Fail(1005, "idempotency key reused with another body");
        if (row.IsDBNull(1)) return StationRest.Fail(1006, "the first request with this idempotency key is still running; retry");
        return new StoredAnswer(await row.GetFieldValueAsync<byte[]>(2, http.RequestAborted), "application/json; charset=utf-8", row.GetInt32(1));
    }

    /// <summary>Claims the key for this request (true), after forgetting a claim older than 24 hours; false when it is taken.</summary>
    private async Task<bool> ClaimAsync(string station, string key, string hash, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var batch = db.CreateBatch();
        var expire = new NpgsqlBatchCommand("delete from stations.idempotency_keys where station_id = $1 and key = $2 and created_at < $3");
        expire.Parameters.Add(new NpgsqlParameter { Value = station });
        expire.Parameters.Add(new NpgsqlParameter { Value = key });
        expire.Parameters.Add(new NpgsqlParameter { Value = now - KeptFor });
        var claim = new NpgsqlBatchCommand("""
            insert into stations.idempotency_keys (station_id, key, request_hash, created_at) values ($1, $2, $3, $4)
            on conflict do nothing returning 1
            """);
        claim.Parameters.Add(new NpgsqlParameter { Value = station });
        claim.Parameters.Add(new NpgsqlParameter { Value = key });
        claim.Parameters.Add(new NpgsqlParameter { Value = hash });
        claim.Parameters.Add(new NpgsqlParameter { Value = now });
        batch.BatchCommands.Add(expire);
        batch.BatchCommands.Add(claim);
        return await batch.ExecuteScalarAsync(ct) is not null;
    }

    private async Task<object?> RunAndKeepAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, string station, string key)
    {
        var http = context.HttpContext;
        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            await ReleaseAsync(station, key); // nothing was answered: the key may be used again
            throw;
        }
        // Render the answer once, keep its bytes, and send the same bytes.
        var original = http.Response.Body;
        using var captured = new MemoryStream();
        http.Response.Body = captured;
        try
        {
            if (result is IResult answer) await answer.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = original;
        }
        await using (var keep = db.CreateCommand("update stations.idempotency_keys set status = $3, body = $4 where station_id = $1 and key = $2"))
        {
            keep.Parameters.Add(new NpgsqlParameter { Value = station });
            keep.Parameters.Add(new NpgsqlParameter { Value = key });
            keep.Parameters.Add(new NpgsqlParameter { Value = http.Response.StatusCode });
            keep.Parameters.Add(new NpgsqlParameter { Value = captured.ToArray() });
            await keep.ExecuteNonQueryAsync(CancellationToken.None);
        }
        return new StoredAnswer(captured.ToArray(), http.Response.ContentType ?? "application/json; charset=utf-8", http.Response.StatusCode);
    }

    private async Task ReleaseAsync(string station, string key)
    {
        await using var cmd = db.CreateCommand("delete from stations.idempotency_keys where station_id = $1 and key = $2 and status is null");
        cmd.Parameters.Add(new NpgsqlParameter { Value = station });
        cmd.Parameters.Add(new NpgsqlParameter { Value = key });
        await cmd.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>An answer sent as the bytes it was first rendered to.</summary>
    private sealed record StoredAnswer(byte[] Body, string ContentType, int Status) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = Status;
            http.Response.ContentType = ContentType;
            return http.Response.Body.WriteAsync(Body).AsTask();
        }
    }
}
