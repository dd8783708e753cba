using System.Text;
using System.Text.Json;

namespace Cabinets.Api.Audit.Export;

/// <summary>One parsed NDJSON line (ADR-0028); `data` and `headers` stay the JSON text they were exported as.</summary>
internal sealed class ImportedLine
{
    public long Seq;
    public Guid Id;
    public string StreamKey = "";
    public string? StreamType;
    public long Version;
    public string Type = "";
    public DateTimeOffset Timestamp;
    public string? Tenant;
    public string? CorrelationId;
    public string? CausationId;
    public string? UserName;
    public string? Headers;
    public bool Archived;
    public string? DotnetType;
    public string? Data;

    public static ImportedLine Parse(ReadOnlySpan<byte> line, long lineNumber)
    {
        var row = new ImportedLine();
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("not an object");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(EventLine.Seq)) row.Seq = Next(ref reader).GetInt64();
                else if (reader.ValueTextEquals(EventLine.Id)) row.Id = Next(ref reader).GetGuid();
                else if (reader.ValueTextEquals(EventLine.StreamKey)) row.StreamKey = Next(ref reader).GetString() ?? "";
                else if (reader.ValueTextEquals(EventLine.StreamType)) row.StreamType = Next(ref reader).GetString();
                else if (reader.ValueTextEquals(EventLine.Version)) row.Version = Next(ref reader).GetInt64();
                else if (reader.ValueTextEquals(EventLine.Type)) row.Type = Next(ref reader).GetString() ?? "";
                else if (reader.ValueTextEquals(EventLine.Timestamp)) row.Timestamp = Next(ref reader).GetDateTimeOffset();
                else if (reader.ValueTextEquals(EventLine.Tenant)) row.Tenant = Next(ref reader).GetString();
                else if (reader.ValueTextEquals(EventLine.CorrelationId)) row.CorrelationId = Next(ref reader).GetString();
                else if (reader.ValueTextEquals(EventLine.CausationId)) row.CausationId = Next(ref reader).GetString();
                else if (reader.ValueTextEquals(EventLine.UserName)) row.UserName = Next(ref reader).GetString();
                else if (reader.ValueTextEquals(EventLine.Archived)) row.Archived = Next(ref reader).GetBoolean();
                else if (reader.ValueTextEquals(EventLine.DotnetType)) row.DotnetType = Next(ref reader).GetString();
                else if (reader.ValueTextEquals(EventLine.Headers)) row.Headers = Raw(ref reader, line);
                else if (reader.ValueTextEquals(EventLine.Data)) row.Data = Raw(ref reader, line);
                else
                {
                    reader.Read();
                    reader.Skip(); // a property of a later minor version: ignored
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new AuditFileException($"line {lineNumber} is not an exported event: {e.Message}");
        }
        if (row.Data is null || row.StreamKey.Length == 0 || row.Type.Length == 0 || row.Seq <= 0)
            throw new AuditFileException($"line {lineNumber} lacks seq, streamKey, type or data");
        return row;
    }

    private static ref Utf8JsonReader Next(ref Utf8JsonReader reader)
    {
        reader.Read();
        return ref reader;
    }

    /// <summary>The value's JSON text exactly as it stands in the line (null for a JSON null).</summary>
    private static string? Raw(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return null;
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return Encoding.UTF8.GetString(line[start..(int)reader.BytesConsumed]);
    }
}

/// <summary>An export file that cannot be imported, or a store that must not receive it; the message says which.</summary>
public sealed class AuditFileException(string message) : Exception(message);
