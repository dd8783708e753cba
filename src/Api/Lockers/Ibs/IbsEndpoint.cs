using System.Diagnostics;
using Cabinets.Api.Observability;
using Cabinets.Protocol;
using Cabinets.Protocol.Requests;
using Cabinets.Protocol.Responses;

namespace Cabinets.Api.Lockers.Ibs;

/// <summary>
/// `POST /ibs` (IBS-PROTOCOL.md §1): one frame in, one frame out, HTTP 200 whenever a frame is
/// produced (errors travel inside it); 400 only for an empty or oversized body, 415 for a non-text
/// body. Logs method, serial, outcome and duration, never the decrypted payload; counts frames by
/// method and answer code (`cabinets_ibs_frames_total`, ADR-0027).
/// </summary>
internal static partial class IbsEndpoint
{
    public const int MaxFrameBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapIbs(this IEndpointRouteBuilder app)
    {
        app.MapPost("/ibs", HandleAsync).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpRequest http, IbsCodec codec, IbsFrameDispatcher handler, ApiMetrics metrics, ILogger<IbsFrameDispatcher> log, CancellationToken ct)
    {
        if (http.ContentType is { } type && !type.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "an IBS frame is text/plain");
        var body = await ReadBodyAsync(http, ct);
        if (body is null || body.Length == 0)
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest,
                title: body is null ? $"an IBS frame is at most {MaxFrameBytes} bytes" : "the body must be one IBS frame");

        var started = Stopwatch.GetTimestamp();
        var decoded = codec.Decode(body);
        var (serial, response) = decoded switch
        {
            IbsDecoded d => (SerialOf(d.Request), await handler.HandleAsync(d.Request, http.HttpContext.TraceIdentifier, ct)),
            IbsRejected r => ((string?)null, IbsResponse.Failure(r.Error)),
            _ => throw new UnreachableException(),
        };
        metrics.IbsFrame(decoded.Method, (int)response.Code);
        LogFrame(log, decoded.Method, serial ?? "-", (int)response.Code, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return Results.Bytes(codec.EncodeResponse(decoded.Method, response), "text/plain; charset=utf-8");
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest http, CancellationToken ct)
    {
        if (http.ContentLength > MaxFrameBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxFrameBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    // Serial numbers identify devices, not people: safe to log. Phones and codes never are.
    private static string? SerialOf(IbsRequest request) => request switch
    {
        InsertLockerInfoRequest r => r.Items[0].SeriesNumber,
        InsertSingleInfoRequest r => r.Items[0].SeriesNumber,
        InsertSingleStatusRequest r => r.Items[0].SeriesNumber,
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "IBS {Method} from {Serial}: code {Code} in {Milliseconds:F1} ms")]
    private static partial void LogFrame(ILogger logger, string method, string serial, int code, double milliseconds);
}
