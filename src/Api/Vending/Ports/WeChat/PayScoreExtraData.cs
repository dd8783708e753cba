using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cabinets.Api.Vending.Ports.WeChat;

/// <summary>
/// The `extraData` of `wx.openBusinessView({businessType: "wxpayScoreDetail"})` (VENDING.md §4.5):
/// the mini-program opens the pay-score order so the user pays it. WeChat checks it with its v2
/// signature: the non-empty parameters sorted by name, `k=v` joined by `&amp;`, then `&amp;key=&lt;ApiKey&gt;`,
/// HMAC-SHA256 keyed with the API key, upper-case hex.
/// </summary>
public static class PayScoreExtraData
{
    public const string SignType = "HMAC-SHA256";

    public static IReadOnlyDictionary<string, string> Detail(WeChatPaySettings settings, string outOrderNo, DateTimeOffset now)
    {
        var data = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["mch_id"] = settings.MchId ?? "",
            ["service_id"] = settings.ServiceId ?? "",
            ["out_order_no"] = outOrderNo,
            ["timestamp"] = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["nonce_str"] = WeChatPaySigning.Nonce(),
            ["sign_type"] = SignType,
        };
        data["sign"] = Sign(data, settings.ApiKey ?? "");
        return data;
    }

    /// <summary>WeChat's v2 sign over every parameter but `sign` itself.</summary>
    public static string Sign(IEnumerable<KeyValuePair<string, string>> parameters, string apiKey)
    {
        var text = string.Join('&', parameters
            .Where(p => p.Key != "sign" && !string.IsNullOrEmpty(p.Value))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}")) + "&key=" + apiKey;
        return Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(apiKey), Encoding.UTF8.GetBytes(text)));
    }
}
