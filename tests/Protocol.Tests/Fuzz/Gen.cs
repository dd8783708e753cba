using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cabinets.Protocol.Tests.Fuzz;

/// <summary>Random JSON literals for the fuzz test, from a seeded <see cref="Random"/>.</summary>
internal static class Gen
{
    private static readonly JsonSerializerOptions Raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static T Pick<T>(this Random r, params T[] options) => options[r.Next(options.Length)];

    public static bool Chance(this Random r, double p) => r.NextDouble() < p;

    /// <summary>A JSON string literal, sometimes \u-escaped, sometimes raw UTF-8.</summary>
    public static string Str(Random r, string value) => JsonSerializer.Serialize(value, r.Chance(0.5) ? Raw : JsonSerializerOptions.Default);

    public static string Digits(Random r, int count)
    {
        var chars = new char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = (char)('0' + r.Next(10));
        }

        return new string(chars);
    }

    public static string Serial(Random r)
    {
        var chars = new char[r.Next(1, 33)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = r.Chance(0.05) ? r.Pick('-', '_') : Alnum[r.Next(Alnum.Length)];
        }

        return new string(chars);
    }

    /// <summary>Printable text of 1..max characters: ASCII, CJK, emoji (surrogate pairs), quotes.</summary>
    public static string Text(Random r, int max)
    {
        var builder = new StringBuilder();
        var length = r.Next(1, Math.Min(max, 24) + 1);
        while (builder.Length < length)
        {
            var remaining = length - builder.Length;
            switch (r.Next(5))
            {
                case 0 or 1:
                    builder.Append(Alnum[r.Next(Alnum.Length)]);
                    break;
                case 2:
                    builder.Append((char)r.Next(0x4E00, 0x9FA6));
                    break;
                case 3 when remaining >= 2:
                    builder.Append(char.ConvertFromUtf32(r.Next(0x1F600, 0x1F650)));
                    break;
                default:
                    builder.Append(r.Pick('"', '\\', '/', ' ', '&', '=', '<', '\'', '+', '快'));
                    break;
            }
        }

        var text = builder.ToString();
        return string.IsNullOrWhiteSpace(text) ? "x" + text[1..] : text;
    }

    /// <summary>A valid attribute byte: one size bit, any of vertical/insulated, no reserved bit.</summary>
    public static int Attributes(Random r) => r.Pick(64, 32, 16) | (r.Chance(0.5) ? 128 : 0) | (r.Chance(0.5) ? 8 : 0);

    public static string Door(Random r)
    {
        var door = r.Next(1, 1000);
        return r.Chance(0.3) ? door.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"\"{door}\"";
    }

    public static string Date(Random r)
    {
        var date = new DateOnly(2000, 1, 1).AddDays(r.Next(0, 12_000));
        return $"\"{date.ToString(r.Pick("yyyy-MM-dd", "yyyy/MM/dd", "yyyyMMdd"), System.Globalization.CultureInfo.InvariantCulture)}\"";
    }

    public static string Long(Random r, int min) => $"\"{new string('x', min + r.Next(1, 50))}\"";

    /// <summary>A JSON object with keys quoted as JSON wants, or unquoted as the seed writes them.</summary>
    public static string Object(Random r, IEnumerable<(string Name, string Literal)> fields)
    {
        var quoted = r.Chance(0.5);
        var space = r.Chance(0.2) ? " " : "";
        return "{" + string.Join("," + space, fields.Select(f => (quoted ? $"\"{f.Name}\"" : f.Name) + ":" + space + f.Literal)) + "}";
    }
}
