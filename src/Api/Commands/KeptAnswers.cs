using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Cabinets.Api.Commands;

/// <summary>
/// The part every `Idempotency-Key` filter shares (partners, stations, the mini-program): run the
/// request that claimed a key, render its answer once, keep those bytes under the key and send the
/// same bytes; a repeat is sent the kept bytes. A request that throws before answering frees its key.
/// </summary>
internal static class KeptAnswers
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public static async Task<object?> RunAndKeepAsync(IdempotencyKeyStore keys, EndpointFilterInvocationContext context, EndpointFilterDelegate next,
        string owner, string key)
    {
        var http = context.HttpContext;
        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            await keys.ReleaseAsync(owner, key); // nothing was answered: the key may be used again
            throw;
        }
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
        var contentType = http.Response.ContentType ?? JsonContentType;
        await keys.KeepAsync(owner, key, http.Response.StatusCode, captured.ToArray(), contentType);
        return new Stored(captured.ToArray(), contentType, http.Response.StatusCode);
    }

    /// <summary>The kept answer of a finished request, as it was first sent.</summary>
    public static IResult Replay(KeptAnswer kept, int status) => new Stored(kept.Body ?? [], kept.ContentType ?? JsonContentType, status);

    /// <summary>
    /// Endpoint metadata: the body is buffered before the endpoint binds it (<see cref="BufferMarkedBodies"/>),
    /// so that a filter running after binding can still hash it.
    /// </summary>
    public sealed class BufferBody
    {
        public static readonly BufferBody Instance = new();
    }

    public static IApplicationBuilder BufferMarkedBodies(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<BufferBody>() is not null) http.Request.EnableBuffering();
        return next(http);
    });

    /// <summary>The request body, read into memory and left readable for the endpoint (from its start when it was buffered before binding).</summary>
    public static async Task<byte[]> BufferedBodyAsync(HttpContext http)
    {
        http.Request.EnableBuffering();
        http.Request.Body.Position = 0;
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        http.Request.Body.Position = 0;
        return buffer.ToArray();
    }

    /// <summary>An answer sent as the bytes it was first rendered to.</summary>
    private sealed record Stored(byte[] Body, string ContentType, int Status) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = Status;
            http.Response.ContentType = ContentType;
            return http.Response.Body.WriteAsync(Body).AsTask();
        }
    }
}
