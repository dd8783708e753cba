using System.Security.Cryptography;
using System.Text;

namespace Cabinets.Api.Lockers.Partners.Rest;

/// <summary>
/// The partner signature of API-CONTRACT.md (Partner REST): lower-case
/// hex(HMAC-SHA256(UTF-8 secret, METHOD \n PATH_AND_QUERY \n X-Timestamp \n X-Nonce \n hex(SHA256(body)))),
/// PATH_AND_QUERY being the request target exactly as sent on the wire.
/// </summary>
internal static class PartnerSigning
{
    public static string BodyHash(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    public static string Sign(string secret, string method, string pathAndQuery, string timestamp, string nonce, string bodyHash) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes($"{method}\n{pathAndQuery}\n{timestamp}\n{nonce}\n{bodyHash}")));

    /// <summary>Constant time in the signature's content (its length is no secret).</summary>
    public static bool Matches(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.UTF8.GetBytes(given));
}
