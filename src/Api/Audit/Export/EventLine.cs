namespace Cabinets.Api.Audit.Export;

/// <summary>The property names of one NDJSON line, format version 1 (ADR-0028), in the order they are written.</summary>
internal static class EventLine
{
    public static ReadOnlySpan<byte> Seq => "seq"u8;
    public static ReadOnlySpan<byte> Id => "id"u8;
    public static ReadOnlySpan<byte> StreamKey => "streamKey"u8;
    public static ReadOnlySpan<byte> StreamType => "streamType"u8;
    public static ReadOnlySpan<byte> Version => "version"u8;
    public static ReadOnlySpan<byte> Type => "type"u8;
    public static ReadOnlySpan<byte> Timestamp => "timestamp"u8;
    public static ReadOnlySpan<byte> Tenant => "tenant"u8;
    public static ReadOnlySpan<byte> CorrelationId => "correlationId"u8;
    public static ReadOnlySpan<byte> CausationId => "causationId"u8;
    public static ReadOnlySpan<byte> UserName => "userName"u8;
    public static ReadOnlySpan<byte> Headers => "headers"u8;
    public static ReadOnlySpan<byte> Archived => "archived"u8;
    public static ReadOnlySpan<byte> DotnetType => "dotnetType"u8;
    public static ReadOnlySpan<byte> Data => "data"u8;

    /// <summary>The HTTP export's last line starts so: `{"manifest":{…}}`.</summary>
    public static ReadOnlySpan<byte> ManifestPrefix => "{\"manifest\":"u8;
}
