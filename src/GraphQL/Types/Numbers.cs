using System.Globalization;

namespace Cabinets.GraphQL.Types;

/// <summary>Numeric conversions shared by the scalars, without boxing-heavy <see cref="Convert"/> calls.</summary>
internal static class Numbers
{
    public static bool TryInt32(object value, out int result)
    {
        switch (value)
        {
            case int i:
                result = i;
                return true;
            case long l when l is >= int.MinValue and <= int.MaxValue:
                result = (int)l;
                return true;
            case short or byte or sbyte or ushort:
                result = Convert.ToInt32(value, CultureInfo.InvariantCulture);
                return true;
            case uint u when u <= int.MaxValue:
                result = (int)u;
                return true;
            case double d when d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue:
                result = (int)d;
                return true;
            case float f when f == MathF.Floor(f) && f is >= int.MinValue and <= int.MaxValue:
                result = (int)f;
                return true;
            case decimal m when m == decimal.Truncate(m) && m is >= int.MinValue and <= int.MaxValue:
                result = (int)m;
                return true;
            default:
                result = 0;
                return false;
        }
    }

    public static bool TryInt64(object value, out long result)
    {
        switch (value)
        {
            case long l:
                result = l;
                return true;
            case int or short or byte or sbyte or ushort or uint:
                result = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                return true;
            case ulong u when u <= long.MaxValue:
                result = (long)u;
                return true;
            case double d when d == Math.Floor(d) && d >= long.MinValue && d < long.MaxValue:
                result = (long)d;
                return true;
            case decimal m when m == decimal.Truncate(m) && m is >= long.MinValue and <= long.MaxValue:
                result = (long)m;
                return true;
            default:
                result = 0;
                return false;
        }
    }

    public static bool TryDouble(object value, out double result)
    {
        switch (value)
        {
            case double d:
                result = d;
                return double.IsFinite(d);
            case float f:
                result = f;
                return float.IsFinite(f);
            case int or long or short or byte or sbyte or ushort or uint or ulong or decimal:
                result = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                return true;
            default:
                result = 0;
                return false;
        }
    }

    public static bool TryDecimal(object value, out decimal result)
    {
        switch (value)
        {
            case decimal m:
                result = m;
                return true;
            case int or long or short or byte or sbyte or ushort or uint or ulong:
                result = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                return true;
            case double d when double.IsFinite(d) && Math.Abs(d) < 7.9e28:
                result = (decimal)d;
                return true;
            case string s:
                return decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out result);
            default:
                result = 0;
                return false;
        }
    }
}
