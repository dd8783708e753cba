using System.Globalization;
using Cabinets.Protocol.Requests;

namespace Cabinets.Protocol.Json;

/// <summary>The IBS-specific field formats of IBS-PROTOCOL.md §6.</summary>
internal sealed partial class FieldReader
{
    public const int MaxDoor = 999;
    private const int MaxSerial = 32;

    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyy/MM/dd", "yyyyMMdd", "yyyy-MM-dd HH:mm:ss", "yyyy/MM/dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss"];

    /// <summary>Cabinet serial, e.g. IBS20260001: 1–32 letters, digits, '-' or '_' (decided, ADR 0006).</summary>
    public string Serial(string field) => OptionalSerial(field) ?? Fail<string>(field, "is missing or empty");

    public string? OptionalSerial(string field)
    {
        var text = OptionalText(field, MaxSerial);
        return text is null || IsSerial(text) ? text : Fail<string>(field, "must be 1-32 letters, digits, '-' or '_'");
    }

    /// <summary>Order numbers: 10 or 16 digits (§6).</summary>
    public string OrderNum(string field) => Digits(field, "10 or 16 digits", 10, 16);

    /// <summary>Pickup codes (验证码): 6 digits (§6).</summary>
    public string VerifyNum(string field) => Digits(field, "6 digits", 6);

    /// <summary>Recipient phone: a mainland mobile number, 11 digits starting with 1 (it receives the SMS).</summary>
    public string Phone(string field)
    {
        var text = Digits(field, "an 11-digit mobile number starting with 1", 11);
        return text.Length == 0 || text[0] == '1' ? text : Fail<string>(field, "must be an 11-digit mobile number starting with 1");
    }

    /// <summary>Door number: 1–999, as a JSON integer or a digit string.</summary>
    public int Door(string field) => OptionalDoor(field) ?? Fail<int>(field, "is missing");

    public int? OptionalDoor(string field)
    {
        var door = OptionalNumber(field, 3);
        return door is 0 ? Fail<int?>(field, $"must be a door number 1-{MaxDoor}") : door;
    }

    /// <summary>A status code that must equal the one value the seed defines for this method (§6).</summary>
    public int Status(string field, int expected)
    {
        var status = OptionalNumber(field, 1);
        return status == expected ? expected : Fail<int>(field, $"must be {expected}");
    }

    public CabinetCategory Category(string field) => OptionalText(field) switch
    {
        "M" or "m" => CabinetCategory.Main,
        "S" or "s" => CabinetCategory.Sub,
        _ => Fail<CabinetCategory>(field, "must be M or S"),
    };

    /// <summary><c>locker_size</c>: L/M/S, 大/中/小 or large/medium/small; empty means any (§6).</summary>
    public DoorSize? Size(string field) => OptionalText(field)?.ToUpperInvariant() switch
    {
        null => null,
        "L" or "大" or "LARGE" => DoorSize.Large,
        "M" or "中" or "MEDIUM" => DoorSize.Medium,
        "S" or "小" or "SMALL" => DoorSize.Small,
        _ => Fail<DoorSize?>(field, "must be L, M, S (大, 中, 小, large, medium, small) or empty"),
    };

    /// <summary><c>property_name</c>: insulated/保温 or vertical/竖; empty means any (§6).</summary>
    public DoorProperty? Property(string field) => OptionalText(field)?.ToUpperInvariant() switch
    {
        null => null,
        "INSULATED" or "保温" => DoorProperty.Insulated,
        "VERTICAL" or "竖" => DoorProperty.Vertical,
        _ => Fail<DoorProperty?>(field, "must be insulated, vertical (保温, 竖) or empty"),
    };

    /// <summary>Production date; the seed gives no format, so the common ones are read (ADR 0006).</summary>
    public DateOnly Date(string field)
    {
        var text = Text(field, 32);
        if (Error is not null)
        {
            return default;
        }

        return DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? DateOnly.FromDateTime(date)
            : Fail<DateOnly>(field, "must be a date like 2026-01-31");
    }

    /// <summary>The five address fields; each empty or missing field matches anything (§6).</summary>
    public AddressFilter Address() =>
        new(OptionalText("province"), OptionalText("city"), OptionalText("area"), OptionalText("street"), OptionalText("palce"));

    /// <summary>Door registration <c>"&lt;cabinet index 0-7&gt;,&lt;door no&gt;,&lt;attribute byte&gt;"</c> (§6).</summary>
    public (int CabinetIndex, int Door, DoorAttributes Attributes) DoorRegistration(string field)
    {
        const string rule = "must be \"<cabinet index 0-7>,<door no 1-999>,<attribute byte>\"";
        var text = Text(field);
        Span<Range> parts = stackalloc Range[4];
        if (Error is not null || text.AsSpan().Split(parts, ',') != 3
            || !TryParseSmall(text.AsSpan()[parts[0]], 7, out var index)
            || !TryParseSmall(text.AsSpan()[parts[1]], MaxDoor, out var door) || door == 0
            || !TryParseSmall(text.AsSpan()[parts[2]], 255, out var attributeByte))
        {
            return Fail<(int, int, DoorAttributes)>(field, rule);
        }

        return DoorAttributes.TryParse(attributeByte, out var attributes)
            ? (index, door, attributes)
            : Fail<(int, int, DoorAttributes)>(field, $"attribute byte {attributeByte} must set exactly one of large/medium/small and no reserved bit");
    }

    /// <summary>Door status <c>"&lt;door no&gt;,&lt;0|1&gt;"</c>: 1 = occupied, 0 = free (§6).</summary>
    public (int Door, bool Occupied) DoorStatus(string field)
    {
        var text = Text(field);
        Span<Range> parts = stackalloc Range[3];
        if (Error is not null || text.AsSpan().Split(parts, ',') != 2
            || !TryParseSmall(text.AsSpan()[parts[0]], MaxDoor, out var door) || door == 0
            || text.AsSpan()[parts[1]] is not ("0" or "1"))
        {
            return Fail<(int, bool)>(field, "must be \"<door no 1-999>,<0|1>\"");
        }

        return (door, text.AsSpan()[parts[1]] is "1");
    }

    private static bool IsSerial(string text)
    {
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParseSmall(ReadOnlySpan<char> digits, int max, out int value)
    {
        value = 0;
        return digits.Length is > 0 and <= 3 && IsDigits(digits)
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= max;
    }
}
