using System.Security.Claims;
using Cabinets.Api.Access;

namespace Cabinets.Api.Stations.Rest;

/// <summary>
/// `Idempotency-Key` on every station POST (API-CONTRACT, TAX.md §6.x): the first request with a key
/// claims it before anything runs, and its answer is kept; a repeat with the same body gets that
/// answer byte for byte, with another body `code` 1005. A repeat that arrives while the first is
/// still running is told to retry (1006) instead of running the command twice. Keys are per station
/// and kept for 24 hours.
/// </summary>
internal sealed class StationIdempotency(IdempotencyKeys keys) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";

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
        var hash = IdempotencyKeys.Hash(System.Text.Encoding.UTF8.GetBytes(http.Request.Path.Value ?? ""), buffer.ToArray());

        if (await keys.ClaimAsync(station, key, hash, http.RequestAborted)) return await RunAndKeepAsync(context, next, station, key);

        var kept = await keys.ReadAsync(station, key, http.RequestAborted);
        if (kept is null) return StationRest.Fail(1006, "idempotency key is being reused; retry");
        if (kept.RequestHash != hash) return StationRest.Fail(1005, "idempotency key reused with another body");
        if (kept.Status is not { } status) return StationRest.Fail(1006, "the first request with this idempotency key is still running; retry");
        return new StoredAnswer(kept.Body ?? [], "application/json; charset=utf-8", status);
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
            await keys.ReleaseAsync(station, key); // nothing was answered: the key may be used again
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
        await keys.KeepAsync(station, key, http.Response.StatusCode, captured.ToArray());
        return new StoredAnswer(captured.ToArray(), http.Response.ContentType ?? "application/json; charset=utf-8", http.Response.StatusCode);
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
