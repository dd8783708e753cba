using System.Text.Json;
using Cabinets.Api.Commands;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Catalog;

namespace Cabinets.Api.Vending.Rest;

/// <summary>
/// `POST /api/vendors/wheat/device-status` (VENDING.md §4.2): 1-500 reports, each applied only if
/// later than the report that set the device's status; the answer counts applied and ignored
/// reports and names the devices we do not know. A malformed body is refused whole (400), nothing applied.
/// </summary>
internal static class DeviceStatusEndpoints
{
    public const int MaxReports = 500;
    private static readonly CommandContext Vendor = new(new Actor("wheat", "vendor", "vendor-rest"));

    public static IEndpointRouteBuilder MapDeviceStatus(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/vendors/wheat/device-status", ReportAsync).AddEndpointFilter<VendorSignatureFilter>().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ReportAsync(HttpContext http, CommandSender commands, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var (reports, errors) = Read(VendorSignatureFilter.BodyOf(http), now);
        if (errors.Count > 0) return VendingProblems.Invalid(errors);
        var outcome = await commands.SendAsync(new ReportDeviceStatuses(reports, now), Vendor with { CorrelationId = http.TraceIdentifier }, http.RequestAborted);
        return outcome switch
        {
            CommandOutcome.Accepted { Answer: DeviceStatusAnswer a } => Results.Ok(new { applied = a.Applied, ignored = a.Ignored, unknownDevices = a.UnknownDevices }),
            CommandOutcome.Conflict c => VendingProblems.Of(StatusCodes.Status409Conflict, "concurrent-change", "Concurrent change", c.Message),
            _ => throw new InvalidOperationException($"device-status: unexpected outcome {outcome}"),
        };
    }

    private static (List<ReportDeviceStatus> Reports, Dictionary<string, List<string>> Errors) Read(byte[] body, DateTimeOffset now)
    {
        var reports = new List<ReportDeviceStatus>();
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Error(string field, string message) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            Error("", "the body is not JSON");
            return (reports, errors);
        }
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("reports", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            Error("reports", "is required: a list of 1 to 500 reports");
            return (reports, errors);
        }
        if (items.GetArrayLength() is 0 or > MaxReports) Error("reports", $"must hold 1 to {MaxReports} reports");
        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            var at = $"reports[{i++}]";
            var code = Str(item, "deviceCode");
            if (CatalogErrors.Code("deviceCode", code) is not null) Error($"{at}.deviceCode", "must be 1 to 50 characters without spaces");
            DeviceOnlineStatus? status = Str(item, "status") switch { "ONLINE" => DeviceOnlineStatus.Online, "OFFLINE" => DeviceOnlineStatus.Offline, _ => null };
            if (status is null) Error($"{at}.status", "must be ONLINE or OFFLINE");
            DateTimeOffset? reportedAt = Str(item, "reportedAt") is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.RoundtripKind, out var parsed) && (text.EndsWith('Z') || text.Contains('+') || text.LastIndexOf('-') > 9)
                ? parsed.ToUniversalTime() : null;
            if (reportedAt is null) Error($"{at}.reportedAt", "must be an RFC 3339 time with its offset");
            if (code is not null && status is not null && reportedAt is not null) reports.Add(new ReportDeviceStatus(code, status.Value, reportedAt.Value, now));
        }
        return (reports, errors);
    }

    private static string? Str(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
