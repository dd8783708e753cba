using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cabinets.Api.Vending.Ports.WeChat;

/// <summary>
/// Reads the two RSA keys of WeChat Pay APIv3 from PEM files: the merchant private key that signs
/// our requests, the platform public key (or certificate) that signs WeChat's notifications.
/// Errors name the setting and the file, never the key's content.
/// </summary>
public static class WeChatPayKeys
{
    public static RSA PrivateKey(string path, string setting)
    {
        var pem = Read(path, setting);
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            if (rsa.KeySize < 2048) throw new InvalidOperationException($"{setting}: the key in {path} is {rsa.KeySize} bits; WeChat Pay signs with RSA-2048");
            _ = rsa.ExportParameters(includePrivateParameters: true); // a public key in this file cannot sign
            return rsa;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw new InvalidOperationException($"{setting}: {path} holds no RSA private key in PEM", e);
        }
    }

    public static RSA PublicKey(string path, string setting)
    {
        var pem = Read(path, setting);
        try
        {
            if (pem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                using var certificate = X509Certificate2.CreateFromPem(pem);
                return certificate.GetRSAPublicKey() ?? throw new InvalidOperationException($"{setting}: the certificate in {path} holds no RSA key");
            }
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return rsa;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new InvalidOperationException($"{setting}: {path} holds no RSA public key or certificate in PEM", e);
        }
    }

    private static string Read(string path, string setting)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{setting}: cannot read {path} ({e.GetType().Name})", e);
        }
    }
}
