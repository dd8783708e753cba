using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using Cabinets.Protocol.Crypto;
using Cabinets.Protocol.Framing;
using Cabinets.Protocol.Json;
using Cabinets.Protocol.Requests;
using Cabinets.Protocol.Responses;

namespace Cabinets.Protocol;

/// <summary>
/// The IBS frame codec (IBS-PROTOCOL.md §2–§5): frame ⇄ typed request / response. Stateless and
/// thread-safe: register one instance per key. Bad input never throws; it becomes an
/// <see cref="IbsRejected"/> with the code of §5.
/// </summary>
public sealed class IbsCodec
{
    private readonly PayloadCipher _cipher;
    private readonly bool _allowPlaintext;

    public IbsCodec(IbsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _cipher = new PayloadCipher(options.Key);
        _allowPlaintext = options.AllowPlaintext;
    }

    public IbsCodec()
        : this(new IbsOptions())
    {
    }

    /// <summary>Decodes one request frame (the HTTP body, or one TCP line).</summary>
    public IbsDecodeResult Decode(ReadOnlySpan<byte> frame)
    {
        var error = FrameReader.TryRead(frame, out var methodBytes, out var raw);
        if (!RequestTable.TryFind(methodBytes, out var method))
        {
            var echoed = MethodName(methodBytes);
            return new IbsRejected(echoed, error ?? new IbsError(IbsErrorCode.UnknownMethod, $"unknown method '{echoed}'"));
        }

        // Check order (ADR 0006), one code per frame: size 1007, syntax 1001, CRC 1002, len 1003,
        // method 1005, decryption/JSON 1004, item and depth limits 1007, fields 1006.
        if (error is not null || (error = TryOpen(raw.Payload, method, out var json, out var fingerprint)) is not null)
        {
            return new IbsRejected(method, error);
        }

        IbsRequest? request = null;
        error = PayloadJsonReader.TryRead(json!, out var items) ?? RequestTable.TryParse(method, items, out request);
        return error is null ? new IbsDecoded(request!, fingerprint!) : new IbsRejected(method, error);
    }

    /// <summary>Encodes a response frame: the envelope, DES-encrypted, with the request's method (§5).</summary>
    public byte[] EncodeResponse(string method, IbsResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var json = new ArrayBufferWriter<byte>(128);
        response.WriteJson(json);
        return EncodeFrame(method, json.WrittenSpan);
    }

    /// <summary>
    /// Encodes any JSON as a frame, encrypted or (for bench testing, §2) plaintext. The firmware's
    /// side of the protocol: for tests, simulators and the benchmark.
    /// </summary>
    public byte[] EncodeFrame(string method, ReadOnlySpan<byte> json, bool plaintext = false)
    {
        ArgumentNullException.ThrowIfNull(method);
        Span<byte> name = stackalloc byte[FrameReader.MaxMethodBytes];
        if (method.Length is 0 or > FrameReader.MaxMethodBytes || Ascii.FromUtf16(method, name, out _) != OperationStatus.Done
            || name[..method.Length].IndexOfAnyExcept(MethodChars) >= 0)
        {
            throw new ArgumentException("A method name is 1-64 ASCII letters, digits or underscores.", nameof(method));
        }

        name = name[..method.Length];
        if (plaintext)
        {
            if (json.IsEmpty || json[0] is not ((byte)'[' or (byte)'{'))
            {
                throw new ArgumentException("A plaintext param must start with '[' or '{'.", nameof(json));
            }

            var frame = FrameWriter.Begin(name, json.Length, FrameReader.CountChars(json), out var slot);
            json.CopyTo(slot);
            FrameWriter.Finish(frame);
            return frame;
        }

        var hexLength = PayloadCipher.SealedHexLength(json.Length);
        var sealedFrame = FrameWriter.Begin(name, hexLength, hexLength, out var hexSlot);
        _cipher.Seal(json, hexSlot);
        FrameWriter.Finish(sealedFrame);
        return sealedFrame;
    }

    /// <summary>
    /// Checks and decrypts a frame without interpreting the JSON: how a firmware simulator reads a
    /// response frame, and how tests compare with the spec's vectors (§8).
    /// </summary>
    public IbsError? TryOpenFrame(ReadOnlySpan<byte> frame, out string method, out string json)
    {
        json = "";
        var error = FrameReader.TryRead(frame, out var methodBytes, out var raw);
        method = MethodName(methodBytes);
        return error ?? TryOpen(raw.Payload, method, out json!, out _);
    }

    /// <summary>The name to answer with: interned if known, echoed if unknown, "error" if none (§5).</summary>
    internal static string MethodName(ReadOnlySpan<byte> methodBytes) =>
        methodBytes.IsEmpty ? IbsMethods.Error
        : RequestTable.TryFind(methodBytes, out var known) ? known
        : Encoding.ASCII.GetString(methodBytes);

    private static ReadOnlySpan<byte> MethodChars => "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"u8;

    private IbsError? TryOpen(ReadOnlySpan<byte> payload, string method, out string? json, out string? fingerprint)
    {
        json = null;
        fingerprint = null;
        if (payload.Length > 0 && payload[0] is (byte)'[' or (byte)'{')
        {
            // §2: plaintext only where the deployment allows it; refused with 1004 otherwise.
            return _allowPlaintext
                ? Finish(payload, method, out json, out fingerprint)
                : new IbsError(IbsErrorCode.CannotDecrypt, "plaintext param refused: this server expects DES hex");
        }

        var scratch = ArrayPool<byte>.Shared.Rent(Math.Max(payload.Length, 1));
        try
        {
            return _cipher.TryOpen(payload, scratch, out var length)
                ?? Finish(scratch.AsSpan(0, length), method, out json, out fingerprint);
        }
        finally
        {
            // The plaintext holds pickup codes and phone numbers: do not leave it in the shared pool.
            ArrayPool<byte>.Shared.Return(scratch, clearArray: true);
        }
    }

    private static IbsError? Finish(ReadOnlySpan<byte> plain, string method, out string? json, out string? fingerprint)
    {
        json = null;
        fingerprint = null;
        if (!Utf8.IsValid(plain))
        {
            return new IbsError(IbsErrorCode.CannotDecrypt, "param is not UTF-8 (wrong key?)");
        }

        json = Encoding.UTF8.GetString(plain);
        fingerprint = Fingerprint(method, plain);
        return null;
    }

    private static string Fingerprint(string method, ReadOnlySpan<byte> plain)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> name = stackalloc byte[method.Length + 1];
        Ascii.FromUtf16(method, name, out _);
        name[^1] = (byte)'\n';
        sha.AppendData(name);
        sha.AppendData(plain);
        Span<byte> hash = stackalloc byte[32];
        sha.GetHashAndReset(hash);
        return Convert.ToHexString(hash);
    }
}
