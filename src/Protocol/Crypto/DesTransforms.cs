using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Cabinets.Protocol.Crypto;

/// <summary>
/// A thread's DES-ECB encryptor and decryptor, without padding. The one-shot
/// <c>DES.EncryptEcb</c> builds an OpenSSL context per call (~11 µs); an ECB transform has no
/// chaining state between blocks, so one per thread can be reused for every frame (~3x faster,
/// see bench/Protocol.Bench). Transforms are not thread-safe, hence thread-static.
/// </summary>
[SuppressMessage(
    "Security",
    "CA5351:Do Not Use Broken Cryptographic Algorithms",
    Justification = "The installed locker firmware speaks DES-ECB (IBS-PROTOCOL.md §3, ADR 0006).")]
internal sealed class DesTransforms : IDisposable
{
    [ThreadStatic]
    private static DesTransforms? t_current;

    private readonly byte[] _key;

    public DesTransforms(byte[] key)
    {
        _key = key;
        using var des = DES.Create();
        des.Key = key;
        des.Mode = CipherMode.ECB;
        des.Padding = PaddingMode.None;
        Encryptor = des.CreateEncryptor();
        Decryptor = des.CreateDecryptor();
    }

    public ICryptoTransform Encryptor { get; }

    public ICryptoTransform Decryptor { get; }

    /// <summary>This thread's transforms for <paramref name="key"/> (rebuilt if the last frame used another key).</summary>
    public static DesTransforms For(byte[] key)
    {
        var current = t_current;
        if (current is null || !current._key.AsSpan().SequenceEqual(key))
        {
            current?.Dispose();
            current = t_current = new DesTransforms(key);
        }

        return current;
    }

    public void Dispose()
    {
        Encryptor.Dispose();
        Decryptor.Dispose();
    }
}
