using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cabinets.Api.Audit.Export;

/// <summary>
/// What an export holds (ADR-0028): the count, first and last global position, the events' time
/// range, the SHA-256 of the NDJSON bytes as written (before any gzip), the filter and the position
/// it was read through. The CLI writes it beside the file (`&lt;file&gt;.manifest.json`); the HTTP
/// endpoint sends it as the stream's last line, `{"manifest": {…}}`.
/// </summary>
public sealed record ExportManifest(
    string Format,
    int FormatVersion,
    long Count,
    long? FirstSeq,
    long? LastSeq,
    DateTimeOffset? FirstTimestamp,
    DateTimeOffset? LastTimestamp,
    long ThroughSeq,
    string Sha256,
    long Bytes,
    ExportFilter Filter,
    DateTimeOffset ExportedAt)
{
    public const string FormatName = "cabinets.events.ndjson";
    public const int CurrentVersion = 1;

    /// <summary>The compressed file's own SHA-256, when the CLI wrote it gzipped (the manifest cannot hash a stream it ends).</summary>
    public string? GzipSha256 { get; init; }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The compact form, for the last line of an HTTP export.</summary>
    public static JsonSerializerOptions Line { get; } = new(Json) { WriteIndented = false };

    public static string PathFor(string exportPath) => exportPath + ".manifest.json";
}
