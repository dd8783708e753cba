namespace Cabinets.Protocol.Framing;

/// <summary>The parts of a frame that passed the syntax, CRC and len checks; views into the input.</summary>
internal readonly ref struct RawFrame(ReadOnlySpan<byte> method, ReadOnlySpan<byte> payload)
{
    public ReadOnlySpan<byte> Method { get; } = method;

    public ReadOnlySpan<byte> Payload { get; } = payload;
}
