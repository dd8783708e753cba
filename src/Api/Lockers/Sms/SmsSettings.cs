namespace Cabinets.Api.Lockers.Sms;

/// <summary>
/// `Sms__*` (README settings, API-CONTRACT.md "Running"): `Provider` is `file` (the default, the
/// Development sink) or `http` (the gateway).
/// </summary>
public sealed class SmsSettings
{
    public const string FileProvider = "file";
    public const string HttpProvider = "http";

    public string Provider { get; set; } = FileProvider;

    /// <summary>The file sink; relative to the content root.</summary>
    public string FilePath { get; set; } = ".data/sms-outbox.jsonl";

    public SmsGatewaySettings Gateway { get; set; } = new();
}

public sealed class SmsGatewaySettings
{
    public string? Url { get; set; }

    public string? ApiKey { get; set; }

    public string ApiKeyHeader { get; set; } = "X-Api-Key";

    /// <summary>Seconds one request may take before it counts as a failure to retry.</summary>
    public double TimeoutSeconds { get; set; } = 10;
}
