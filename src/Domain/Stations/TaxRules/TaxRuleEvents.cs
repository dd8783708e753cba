namespace Cabinets.Domain.Stations.TaxRules;

/// <summary>A merchant a rule covers (address_id with its name as the rule shows it).</summary>
public sealed record RuleMerchant(int AddressId, string AddressName);

/// <summary>An SPU a rule covers, with its rate in basis points.</summary>
public sealed record RuleSpu(string SpuId, string SpuName, int TaxRate);

/// <summary>Events of a station's tax rules, on the stream `station-tax-rules-{station}` (ADR-0019).</summary>
public interface ITaxRuleEvent
{
    int RuleId { get; }
}

public sealed record TaxRuleCreated(int RuleId, string StationId, string Name, bool Valid,
    IReadOnlyList<RuleMerchant> Merchants, IReadOnlyList<RuleSpu> Spus, DateTimeOffset At) : ITaxRuleEvent;

/// <summary>The full new content of a rule (an edit, or a change of status), with the rule version it replaced.</summary>
public sealed record TaxRuleChanged(int RuleId, string Name, bool Valid,
    IReadOnlyList<RuleMerchant> Merchants, IReadOnlyList<RuleSpu> Spus, int PreviousVersion, DateTimeOffset At) : ITaxRuleEvent;

public static class TaxRuleEventNames
{
    public static IReadOnlyList<(Type Type, string Name, int Version)> All { get; } =
    [
        (typeof(TaxRuleCreated), "stations.tax_rule_created", 1),
        (typeof(TaxRuleChanged), "stations.tax_rule_changed", 1),
    ];

    public const string StreamType = "station-tax-rules";

    public static string StreamId(string stationId) => $"station-tax-rules-{stationId}";
}
