using Cabinets.Protocol.Framing;

namespace Cabinets.Protocol;

/// <summary>
/// Incremental decoder for the TCP transport (IBS-PROTOCOL.md §1): frames are <c>\n</c>-terminated
/// lines that may arrive in any pieces. Feed every chunk as it arrives; each completed line is
/// decoded by the codec. A frame that arrives whole is decoded straight from the chunk; only the
/// unfinished tail is copied. One instance per connection; not thread-safe.
/// </summary>
public sealed class IbsStreamDecoder
{
    private readonly IbsCodec _codec;
    private byte[] _buffer = [];
    private int _length;
    private bool _discarding;

    public IbsStreamDecoder(IbsCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        _codec = codec;
    }

    /// <summary>True while an unfinished line is buffered (or an overlong one is being skipped).</summary>
    public bool HasPartialFrame => _length > 0 || _discarding;

    /// <summary>Appends a chunk; returns the results of the lines it completed, in order.</summary>
    public IReadOnlyList<IbsDecodeResult> Feed(ReadOnlySpan<byte> chunk)
    {
        List<IbsDecodeResult>? results = null;
        int newline;
        while ((newline = chunk.IndexOf((byte)'\n')) >= 0)
        {
            var end = chunk[..newline];
            chunk = chunk[(newline + 1)..];
            if (_discarding)
            {
                _discarding = false; // the overlong line ends here; its 1007 was reported already
            }
            else if (_length == 0)
            {
                Emit(end, ref results);
            }
            else if (Append(end, ref results))
            {
                Emit(_buffer.AsSpan(0, _length), ref results);
                _length = 0;
            }
            else
            {
                _discarding = false; // outgrew the limit on its last piece: reported, and already over
            }
        }

        if (!_discarding)
        {
            Append(chunk, ref results);
        }

        return (IReadOnlyList<IbsDecodeResult>?)results ?? [];
    }

    private void Emit(ReadOnlySpan<byte> line, ref List<IbsDecodeResult>? results)
    {
        // Blank lines (keep-alives, a stray CRLF) are not frames and get no answer.
        if (line.Trim(" \t\r"u8).IsEmpty)
        {
            return;
        }

        (results ??= []).Add(_codec.Decode(line));
    }

    /// <summary>Buffers bytes of the current line; false (and a 1007) once it outgrows a frame.</summary>
    private bool Append(ReadOnlySpan<byte> bytes, ref List<IbsDecodeResult>? results)
    {
        if (_length + bytes.Length > FrameReader.MaxFrameBytes)
        {
            var start = _length > 0 ? _buffer.AsSpan(0, _length) : bytes;
            var method = IbsCodec.MethodName(FrameReader.PeekMethod(start));
            var error = new IbsError(IbsErrorCode.TooLarge, $"frame is larger than {FrameReader.MaxFrameBytes} bytes");
            (results ??= []).Add(new IbsRejected(method, error));
            _length = 0;
            _discarding = true;
            return false;
        }

        if (_length + bytes.Length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Min(Math.Max(_buffer.Length * 2, Math.Max(_length + bytes.Length, 256)), FrameReader.MaxFrameBytes));
        }

        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
        return true;
    }
}
