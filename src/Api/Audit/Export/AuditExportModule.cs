using System.IO.Compression;
using System.Text.Json;
using Cabinets.Api.Access;
using Cabinets.Domain.Access;

namespace Cabinets.Api.Audit.Export;

/// <summary>
/// `GET /api/audit/export?fromSeq=&amp;toSeq=&amp;from=&amp;to=&amp;streamType=&amp;stream=&amp;gzip=` (ADR-0028): the
/// range as NDJSON, streamed as it is read, with the manifest as the last line. `audit.read`
/// only: 401 without a token, 403 without the permission. Gzip with `?gzip=true` (a `.ndjson.gz`
/// download) or `Accept-Encoding: gzip` (the same bytes as a content encoding).
/// </summary>
internal static class AuditExportModule
{
    public const string AuditReadPolicy = "audit.read";

    public static IServiceCollection AddAuditExport(this IServiceCollection services)
    {
        services.AddSingleton<EventExporter>().AddSingleton<EventImporter>();
        services.AddAuthorizationBuilder().AddPolicy(AuditReadPolicy, p => p
            .AddAuthenticationSchemes(BearerTokenAuthentication.SchemeName)
            .RequireClaim(BearerTokenAuthentication.PermissionClaim, Permissions.AuditRead));
        return services;
    }

    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit/export", ExportAsync).RequireAuthorization(AuditReadPolicy);
        return app;
    }

    private static async Task ExportAsync(HttpContext http, EventExporter exporter, CancellationToken ct)
    {
        if (!ExportFilter.TryParse(http.Request.Query, out var filter, out var error))
        {
            await Results.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "invalid export filter").ExecuteAsync(http);
            return;
        }
        var download = http.Request.Query["gzip"].ToString() is "true" or "1";
        var encoded = !download && http.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
        var range = await exporter.ResolveAsync(filter, ct);

        var response = http.Response;
        response.ContentType = download ? "application/gzip" : "application/x-ndjson; charset=utf-8";
        if (download) response.Headers.ContentDisposition = $"attachment; filename=\"events-{range.AfterSeq + 1}-{range.ThroughSeq}.ndjson.gz\"";
        if (encoded) response.Headers.ContentEncoding = "gzip";
        response.Headers.Append("X-Export-Through-Seq", range.ThroughSeq.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using var gzip = download || encoded ? new GZipStream(response.Body, CompressionLevel.Fastest, leaveOpen: true) : null;
        var body = (Stream?)gzip ?? response.Body;
        var manifest = await exporter.WriteAsync(filter, range, body, progress: null, ct);
        // The manifest hashes the lines before it; a reader tells it apart by its only property.
        await body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(new { manifest }, ExportManifest.Line), ct);
        await body.WriteAsync("\n"u8.ToArray(), ct);
    }
}
