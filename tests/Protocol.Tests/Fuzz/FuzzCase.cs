namespace Cabinets.Protocol.Tests.Fuzz;

/// <summary>
/// One generated frame and what must come of it: <see cref="IbsErrorCode.Ok"/> means "decoded", with
/// <see cref="Method"/> and <see cref="Items"/> to check; a msg prefix when the field is known.
/// </summary>
internal sealed record FuzzCase(string Kind, byte[] Frame, IbsCodec Codec, IbsErrorCode[] Expected)
{
    public string? Method { get; init; }

    public int Items { get; init; }

    public string? MessagePrefix { get; init; }

    public override string ToString() =>
        $"{Kind}: expected {string.Join('|', Expected.Select(c => (int)c))} {MessagePrefix} for {System.Text.Encoding.UTF8.GetString(Frame[..Math.Min(Frame.Length, 400)])}";
}
