using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cabinets.Api.Vending.Ports.WeChat;

/// <summary>
/// The mini-program for Development (`WeChatMiniProgram__Provider=file`): each call is journalled and
/// answered from the code itself, so the same code always gives the same user: openid `o-` + a
/// hash of the code, phone `1380000` + four digits from a hash of the phone code.
/// </summary>
public sealed class FileWeChatMiniProgram(OutboundJournal journal) : IWeChatMiniProgram
{
    public async Task<string> OpenIdAsync(string code, CancellationToken ct)
    {
        await journal.AppendAsync("jscode2session", "/sns/jscode2session", new { js_code = code }, ct);
        return OpenIdOf(code);
    }

    public async Task<string> PhoneNumberAsync(string phoneCode, CancellationToken ct)
    {
        await journal.AppendAsync("getuserphonenumber", "/wxa/business/getuserphonenumber", new { code = phoneCode }, ct);
        return PhoneOf(phoneCode);
    }

    public static string OpenIdOf(string code) => "o-" + Convert.ToHexString(Hash(code))[..26].ToLowerInvariant();

    public static string PhoneOf(string phoneCode) =>
        "1380000" + (BitConverter.ToUInt32(Hash(phoneCode), 0) % 10000).ToString("D4", CultureInfo.InvariantCulture);

    private static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
