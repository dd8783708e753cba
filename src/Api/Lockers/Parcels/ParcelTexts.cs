using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Domain.Lockers.Parcels;

namespace Cabinets.Api.Lockers.Parcels;

/// <summary>
/// The recipient's texts (PRODUCT.md, Lockers item 9): the pickup code with the community name,
/// the address note and the device number (the bank's main serial). Built only to be sealed at once.
/// </summary>
public sealed class ParcelTexts(LockerTimings timings)
{
    public string PickupCode(CabinetState bank, string serial, string code) =>
        $"【智能柜】您的包裹已存入{Where(bank)}智能柜，设备号{serial}，取件码{code}，请凭取件码及时取件。";

    public string Reminder(ParcelState parcel, CabinetState bank) =>
        $"【智能柜】您在{Where(bank)}智能柜（设备号{parcel.SerialNumber}）的包裹已存放超过{timings.ReminderAfter.TotalHours:0}小时，请尽快取件。";

    private static string Where(CabinetState bank) =>
        bank.Site is { } site ? site.CommunityName + (string.IsNullOrWhiteSpace(site.AddressNote) ? "" : site.AddressNote) : "";
}
