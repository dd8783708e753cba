namespace Cabinets.Api.PersonalData;

/// <summary>How a phone is shown where the whole number may not be (ADR-0020): the first 3 and last 4 digits, `138****5678`.</summary>
public static class PhoneMask
{
    public static string? Masked(string? phone) => phone switch
    {
        null or "" => phone,
        { Length: < 8 } => new string('*', phone.Length),
        _ => phone[..3] + new string('*', phone.Length - 7) + phone[^4..],
    };
}
