using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Cabinets.Protocol.Framing;

namespace Cabinets.Protocol.Crypto;

/// <summary>
/// DES-ECB with PKCS#7 over the hex payload (IBS-PROTOCOL.md §3). Padding is added and checked
/// here, so a wrong key or a corrupt block is a 1004 without an exception. Thread-safe: each
/// thread keeps its own transforms (see <see cref="DesTransforms"/>).
/// </summary>
[SuppressMessage(
    "Security",
    "CA5351:Do Not Use Broken Cryptographic Algorithms",
    Justification = "The installed locker firmware speaks DES-ECB (IBS-PROTOCOL.md §3, ADR 0006); frames are treated as untrusted.")]
internal sealed class PayloadCipher
{
    public const int BlockBytes = 8;

    private readonly byte[] _key;

    public PayloadCipher(string key)
    {
        _key = KeyBytes(key);
        using var probe = new DesTransforms(_key); // fails fast on a DES weak key (an empty key: all zeros)
    }

    /// <summary>§3: the UTF-8 key right-padded with 0x00 to 8 bytes ("ibs_key" → 6962735F6B657900).</summary>
    public static byte[] KeyBytes(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var utf8 = Encoding.UTF8.GetBytes(key);
        if (utf8.Length > BlockBytes)
        {
            throw new ArgumentException($"The IBS key must be at most {BlockBytes} UTF-8 bytes.", nameof(key));
        }

        var padded = new byte[BlockBytes];
        utf8.CopyTo(padded, 0);
        return padded;
    }

    /// <summary>Hex characters of the sealed form of <paramref name="plainBytes"/> (PKCS#7 always pads).</summary>
    public static int SealedHexLength(int plainBytes) => ((plainBytes / BlockBytes) + 1) * BlockBytes * 2;

    /// <summary>Encrypts and writes uppercase hex into <paramref name="hexDestination"/>.</summary>
    public void Seal(ReadOnlySpan<byte> plain, Span<byte> hexDestination)
    {
        var length = hexDestination.Length / 2;
        var buffer = ArrayPool<byte>.Shared.Rent(2 * length);
        try
        {
            plain.CopyTo(buffer);
            buffer.AsSpan(plain.Length, length - plain.Length).Fill((byte)(length - plain.Length));
            DesTransforms.For(_key).Encryptor.TransformBlock(buffer, 0, length, buffer, length);
            Hex.WriteUpper(buffer.AsSpan(length, length), hexDestination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    /// <summary>
    /// Decrypts hex into <paramref name="scratch"/> (at least <c>hex.Length</c> bytes); the plaintext
    /// is <c>scratch[..length]</c>. Bad hex, a partial block or bad padding are 1004 (§3).
    /// </summary>
    public IbsError? TryOpen(ReadOnlySpan<byte> hex, byte[] scratch, out int length)
    {
        length = 0;
        if (hex.IsEmpty || hex.Length % (2 * BlockBytes) != 0)
        {
            return Refuse("param length is not a whole number of DES blocks");
        }

        // Cipher text in the second half, plain text decrypted into the first: no copy afterwards.
        var size = hex.Length / 2;
        if (!Hex.TryDecode(hex, scratch.AsSpan(size, size)))
        {
            return Refuse("param is not hex");
        }

        DesTransforms.For(_key).Decryptor.TransformBlock(scratch, size, size, scratch, 0);
        var pad = scratch[size - 1];
        if (pad is 0 or > BlockBytes || scratch.AsSpan(size - pad, pad).IndexOfAnyExcept(pad) >= 0)
        {
            return Refuse("param cannot be decrypted (bad padding: wrong key or corrupt data)");
        }

        length = size - pad;
        return null;
    }

    private static IbsError Refuse(string message) => new(IbsErrorCode.CannotDecrypt, message);
}
