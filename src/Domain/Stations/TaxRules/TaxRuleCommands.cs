namespace Cabinets.Domain.Stations.TaxRules;

public abstract record TaxRuleCommand(string StationId, DateTimeOffset Now);

/// <summary>A new rule; its id comes in on the command (a database sequence, never a clock).</summary>
public sealed record CreateTaxRule(string StationId, int RuleId, string Name, bool Valid,
    IReadOnlyList<RuleMerchant> Merchants, IReadOnlyList<RuleSpu> Spus, DateTimeOffset Now) : TaxRuleCommand(StationId, Now);

/// <summary>An edit: absent name or status keep theirs; the lists replace the rule's (TAX.md §2.2).</summary>
public sealed record EditTaxRule(string StationId, int RuleId, string? Name, bool? Valid,
    IReadOnlyList<RuleMerchant> Merchants, IReadOnlyList<RuleSpu> Spus, int? ExpectedVersion, DateTimeOffset Now) : TaxRuleCommand(StationId, Now);

public sealed record SetTaxRuleStatus(string StationId, int RuleId, bool Valid, DateTimeOffset Now) : TaxRuleCommand(StationId, Now);
