using Cabinets.Protocol.Json;
using Newtonsoft.Json.Linq;

namespace Cabinets.Protocol.Requests;

/// <summary>
/// <c>insert_locker_info</c>: registers a cabinet bank (IBS-PROTOCOL.md §6, §7): one main cabinet
/// (<c>M</c>, carries the serial) and up to 8 sub cabinets (<c>S</c>, empty serial, index = order).
/// </summary>
public sealed record InsertLockerInfoRequest : IbsRequest<LockerBankInfo>
{
    internal InsertLockerInfoRequest(IReadOnlyList<LockerBankInfo> items)
        : base(items)
    {
    }

    public override string Method => IbsMethods.InsertLockerInfo;

    internal static LockerBankInfo ReadItem(FieldReader f)
    {
        var type = f.Text("type");
        var entries = f.Array("locker_info");
        if (f.Error is not null || entries is null)
        {
            return null!;
        }

        if (entries.Count is 0 or > 9)
        {
            return f.Fail<LockerBankInfo>("locker_info", "must list one main cabinet and at most 8 sub cabinets");
        }

        var cabinets = new List<CabinetInfo>(entries.Count);
        for (var k = 0; k < entries.Count && f.Error is null; k++)
        {
            if (entries[k] is not JObject entry)
            {
                return f.Fail<LockerBankInfo>($"locker_info[{k}]", "must be an object");
            }

            var e = new FieldReader(entry, f.Index, $"locker_info[{k}].");
            cabinets.Add(ReadCabinet(e, cabinets.Count(c => c.Category == CabinetCategory.Sub)));
            f.Adopt(e.Error);
        }

        if (f.Error is null && cabinets.Count(c => c.Category == CabinetCategory.Main) != 1)
        {
            return f.Fail<LockerBankInfo>("locker_info", "must contain exactly one main cabinet (M)");
        }

        return new LockerBankInfo(type, cabinets);
    }

    private static CabinetInfo ReadCabinet(FieldReader e, int subsSoFar)
    {
        var category = e.Category("category");
        var created = e.Date("create_date");
        if (category == CabinetCategory.Main)
        {
            return new CabinetInfo(category, null, created, e.Serial("series_number"));
        }

        // §7: sub cabinets carry an empty serial; the bank is addressed by the main one's.
        if (e.OptionalText("series_number") is not null)
        {
            e.Fail<string>("series_number", "must be empty for a sub cabinet (S)");
        }

        return new CabinetInfo(category, subsSoFar, created, null);
    }
}

/// <summary>One bank: the model line (<c>type</c>, e.g. 快递柜) and its cabinets in the order sent.</summary>
public sealed record LockerBankInfo(string Type, IReadOnlyList<CabinetInfo> Cabinets)
{
    /// <summary>The serial of the bank: the main cabinet's (§6).</summary>
    public string SeriesNumber => Cabinets.First(c => c.Category == CabinetCategory.Main).SeriesNumber!;
}

/// <summary>A cabinet of a bank; <see cref="SubIndex"/> (0–7) for sub cabinets, serial for the main one.</summary>
public sealed record CabinetInfo(CabinetCategory Category, int? SubIndex, DateOnly CreateDate, string? SeriesNumber);
