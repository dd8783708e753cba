using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Cabinets.Protocol.Framing;

namespace Cabinets.Protocol.Crypto;

/// <summary>
/// DES-ECB with PKCS#7 over the hex payload (IBS-PROTOCOL.md §3). Thread-safe: each call uses its
/// own <see cref="DES"/> instance (they are cheap; the OpenSSL context is per call anyway).
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
        using var probe = Create(); // fails fast on a DES weak key (e.g. an empty key: all zeros)
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
        var cipherBytes = hexDestination.Length / 2;
        // The cipher text goes into the second half of the hex slot and expands forwards over itself
        // without an extra buffer: step i writes 2i and 2i+1, both below the unread cipherBytes + i + 1.
        var cipher = hexDestination[cipherBytes..];
        using var des = Create();
        des.EncryptEcb(plain, cipher, PaddingMode.PKCS7);
        for (var i = 0; i < cipherBytes; i++)
        {
            var b = cipher[i];
            hexDestination[2 * i] = HexDigit(b >> 4);
            hexDestination[(2 * i) + 1] = HexDigit(b & 0xF);
        }
    }

    /// <summary>
    /// Decrypts hex into <paramref name="scratch"/> (at least <c>hex.Length</c> bytes); the plaintext
    /// is <c>scratch[..length]</c>. Bad hex, a partial block or bad padding are 1004 (§3).
    /// </summary>
    public IbsError? TryOpen(ReadOnlySpan<byte> hex, Span<byte> scratch, out int length)
    {
        length = 0;
        if (hex.IsEmpty || hex.Length % (2 * BlockBytes) != 0)
        {
            return Refuse("param length is not a whole number of DES blocks");
        }

        // Cipher text in the second half, plain text decrypted into the first: no copy afterwards.
        var cipher = scratch.Slice(hex.Length / 2, hex.Length / 2);
        if (!Hex.TryDecode(hex, cipher))
        {
            return Refuse("param is not hex");
        }

        var plain = scratch[..cipher.Length];
        using var des = Create();
        // PaddingMode.None and our own check: a wrong key or corrupt block then costs no exception.
        var written = des.DecryptEcb(cipher, plain, PaddingMode.None);
        var pad = plain[written - 1];
        if (pad is 0 or > BlockBytes || plain[(written - pad)..written].IndexOfAnyExcept(pad) >= 0)
        {
            return Refuse("param cannot be decrypted (bad padding: wrong key or corrupt data)");
        }

        length = written - pad;
        return null;
    }

    private static byte HexDigit(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);

    private static IbsError Refuse(string message) => new(IbsErrorCode.CannotDecrypt, message);

    private DES Create()
    {
        var des = DES.Create();
        des.Key = _key;
        return des;
    }
}
