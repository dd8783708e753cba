using System.Security.Cryptography;
using System.Text;

namespace Cabinets.Api.Vending.Ports.WeChat;

/// <summary>
/// The RSA-SHA256 signatures of WeChat Pay APIv3 (VENDING.md §4.3, §4.4): each signed message is its
/// parts, each followed by `\n`; the signature is Base64 of PKCS#1 v1.5 over SHA-256.
/// </summary>
public static class WeChatPaySigning
{
    public const string Scheme = "WECHATPAY2-SHA256-RSA2048";

    /// <summary>`part1\npart2\n…\n`: requests sign METHOD, PATH_AND_QUERY, timestamp, nonce, body; notifications timestamp, nonce, body.</summary>
    public static byte[] Message(params string[] parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts) text.Append(part).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static string Sign(RSA key, byte[] message) =>
        Convert.ToBase64String(key.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    public static bool Verify(RSA key, byte[] message, string? signatureBase64)
    {
        if (string.IsNullOrEmpty(signatureBase64)) return false;
        var signature = new byte[signatureBase64.Length];
        return Convert.TryFromBase64String(signatureBase64, signature, out var length)
            && key.VerifyData(message, signature.AsSpan(0, length), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>32 letters and digits, as WeChat's samples use for `nonce_str`.</summary>
    public static string Nonce() => RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 32);
}

/// <summary>
/// Signs our requests with the merchant private key. One RSA object shared by every request: its
/// use is serialised, since .NET does not promise that an RSA instance is safe across threads.
/// </summary>
public sealed class WeChatPayMerchantSigner(RSA privateKey, string mchId, string serialNo)
{
    private readonly Lock _turn = new();

    /// <summary>The `Authorization` header value for one request.</summary>
    public string Authorization(string method, string pathAndQuery, string body, long timestamp, string nonce)
    {
        var message = WeChatPaySigning.Message(method, pathAndQuery, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), nonce, body);
        string signature;
        lock (_turn) signature = WeChatPaySigning.Sign(privateKey, message);
        return $"{WeChatPaySigning.Scheme} mchid=\"{mchId}\",nonce_str=\"{nonce}\",signature=\"{signature}\",timestamp=\"{timestamp}\",serial_no=\"{serialNo}\"";
    }
}
