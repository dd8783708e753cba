using System.Security.Cryptography;
using System.Text;

namespace Cabinets.Api.Vending.Ports.WeChat;

/// <summary>
/// Step 2 of VENDING.md §4.4: a notification's `resource` is AEAD_AES_256_GCM under the APIv3 key
/// (32 bytes of UTF-8), with its `nonce` (12 bytes of UTF-8) and `associated_data`; the Base64
/// `ciphertext` ends with the 16-byte tag.
/// </summary>
public static class WeChatResourceCipher
{
    public const string Algorithm = "AEAD_AES_256_GCM";
    private const int TagBytes = 16;

    /// <summary>The plaintext, or null when the key, nonce, associated data or tag do not fit.</summary>
    public static string? Decrypt(byte[] key, string nonce, string? associatedData, string ciphertextBase64)
    {
        try
        {
            var sealedBytes = Convert.FromBase64String(ciphertextBase64);
            if (sealedBytes.Length < TagBytes) return null;
            var cipher = sealedBytes.AsSpan(0, sealedBytes.Length - TagBytes);
            var tag = sealedBytes.AsSpan(sealedBytes.Length - TagBytes);
            var plain = new byte[cipher.Length];
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(Encoding.UTF8.GetBytes(nonce), cipher, tag, plain, Encoding.UTF8.GetBytes(associatedData ?? ""));
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
        {
            return null;
        }
    }
}
