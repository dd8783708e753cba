using Cabinets.Domain.Deciding;

namespace Cabinets.Domain.Stations.TaxRules;

/// <summary>One rule as it stands, with its version (events about it so far).</summary>
public sealed record TaxRule(int Id, string Name, bool Valid, IReadOnlyList<RuleMerchant> Merchants, IReadOnlyList<RuleSpu> Spus,
    int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>What a line captures (TAX.md §1.3): the covering valid rule's rate, or "not set".</summary>
public sealed record RateCapture(int TaxRate, bool IsSet, int? RuleId)
{
    public static RateCapture NotSet { get; } = new(0, false, null);
}

/// <summary>
/// The tax rules of one station. The station is the consistency boundary because of the overlap
/// rule: two valid rules may never cover the same (merchant, SPU), which one stream per station
/// checks atomically (ADR-0019).
/// </summary>
public sealed record TaxRuleBook(string? StationId, IReadOnlyDictionary<int, TaxRule> Rules)
{
    public static TaxRuleBook Empty { get; } = new(null, new Dictionary<int, TaxRule>());

    public static TaxRuleBook Evolve(TaxRuleBook book, ITaxRuleEvent @event) => @event switch
    {
        TaxRuleCreated e => book with
        {
            StationId = e.StationId,
            Rules = new Dictionary<int, TaxRule>(book.Rules) { [e.RuleId] = new(e.RuleId, e.Name, e.Valid, e.Merchants, e.Spus, 1, e.At, e.At) },
        },
        TaxRuleChanged e when book.Rules.TryGetValue(e.RuleId, out var rule) => book with
        {
            Rules = new Dictionary<int, TaxRule>(book.Rules)
            {
                [e.RuleId] = rule with { Name = e.Name, Valid = e.Valid, Merchants = e.Merchants, Spus = e.Spus, Version = rule.Version + 1, UpdatedAt = e.At },
            },
        },
        _ => book,
    };

    /// <summary>The rate a line of (merchant, SPU) captures now.</summary>
    public RateCapture RateFor(int addressId, string spuId)
    {
        foreach (var rule in Rules.Values)
        {
            if (!rule.Valid || rule.Merchants.All(m => m.AddressId != addressId)) continue;
            var spu = rule.Spus.FirstOrDefault(s => s.SpuId == spuId);
            if (spu is not null) return new RateCapture(spu.TaxRate, true, rule.Id);
        }
        return RateCapture.NotSet;
    }
}

/// <summary>A (merchant, SPU) pair already covered by another valid rule.</summary>
public sealed record RuleOverlap(int AddressId, string SpuId, int TaxRuleId);

public static class TaxRuleDecider
{
    public static Decider<TaxRuleCommand, TaxRuleBook, ITaxRuleEvent> Instance { get; } = new(TaxRuleBook.Empty, TaxRuleBook.Evolve, Decide);

    public static class Errors
    {
        public const string Invalid = "tax_rule.invalid";
        public const string NotFound = "tax_rule.not_found";
        public const string Overlap = "tax_rule.overlap";
        public const string VersionConflict = "tax_rule.version_conflict";
        public const string AlreadyExists = "tax_rule.already_exists";
    }

    public static Decision<ITaxRuleEvent> Decide(TaxRuleCommand command, TaxRuleBook book) => command switch
    {
        CreateTaxRule c => Create(c, book),
        EditTaxRule c => Edit(c, book),
        SetTaxRuleStatus c => book.Rules.TryGetValue(c.RuleId, out var rule)
            ? rule.Valid == c.Valid
                ? Decision<ITaxRuleEvent>.Accept().AnswerWith(rule.Id) // already so: nothing to record
                : Change(book, rule, rule.Name, c.Valid, rule.Merchants, rule.Spus, c.Now)
            : NotFound(c.RuleId),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    private static Decision<ITaxRuleEvent> Create(CreateTaxRule c, TaxRuleBook book)
    {
        if (book.Rules.ContainsKey(c.RuleId)) return Decision<ITaxRuleEvent>.Reject(Errors.AlreadyExists, $"tax rule {c.RuleId} exists", "tax_id");
        var name = c.Name.Trim();
        if (Validate(name, c.Merchants, c.Spus) is { } invalid) return invalid;
        if (c.Valid && Overlaps(book, c.RuleId, c.Merchants, c.Spus) is { Count: > 0 } overlaps) return OverlapError(overlaps);
        return Decision<ITaxRuleEvent>.Accept(new TaxRuleCreated(c.RuleId, c.StationId, name, c.Valid, c.Merchants, c.Spus, c.Now)).AnswerWith(c.RuleId);
    }

    private static Decision<ITaxRuleEvent> Edit(EditTaxRule c, TaxRuleBook book)
    {
        if (!book.Rules.TryGetValue(c.RuleId, out var rule)) return NotFound(c.RuleId);
        if (c.ExpectedVersion is { } expected && expected != rule.Version)
            return Decision<ITaxRuleEvent>.Reject(Errors.VersionConflict, $"tax rule {c.RuleId} is at version {rule.Version}, not {expected}", "expectedVersion");
        var name = c.Name?.Trim() ?? rule.Name;
        if (Validate(name, c.Merchants, c.Spus) is { } invalid) return invalid;
        return Change(book, rule, name, c.Valid ?? rule.Valid, c.Merchants, c.Spus, c.Now);
    }

    private static Decision<ITaxRuleEvent> Change(TaxRuleBook book, TaxRule rule, string name, bool valid,
        IReadOnlyList<RuleMerchant> merchants, IReadOnlyList<RuleSpu> spus, DateTimeOffset now)
    {
        if (valid && Overlaps(book, rule.Id, merchants, spus) is { Count: > 0 } overlaps) return OverlapError(overlaps);
        return Decision<ITaxRuleEvent>.Accept(new TaxRuleChanged(rule.Id, name, valid, merchants, spus, rule.Version, now)).AnswerWith(rule.Id);
    }

    /// <summary>The field checks of TAX.md §1.2 that hold whatever the input format; the first failure names its path.</summary>
    public static Decision<ITaxRuleEvent>? Validate(string name, IReadOnlyList<RuleMerchant> merchants, IReadOnlyList<RuleSpu> spus)
    {
        if (name.Length is 0 or > 100) return Invalid("tax_name", "must be 1 to 100 characters");
        if (merchants.Count == 0) return Invalid("address", "must list at least one merchant");
        var addressIds = new HashSet<int>();
        for (var i = 0; i < merchants.Count; i++)
        {
            if (merchants[i].AddressId <= 0) return Invalid($"address[{i}].address_id", "must be a positive integer");
            if (string.IsNullOrWhiteSpace(merchants[i].AddressName)) return Invalid($"address[{i}].address_name", "must not be empty");
            if (!addressIds.Add(merchants[i].AddressId)) return Invalid($"address[{i}].address_id", "is listed twice");
        }
        if (spus.Count == 0) return Invalid("spu", "must list at least one SPU");
        var spuIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < spus.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(spus[i].SpuId)) return Invalid($"spu[{i}].spu_id", "must not be empty");
            if (string.IsNullOrWhiteSpace(spus[i].SpuName)) return Invalid($"spu[{i}].spu_name", "must not be empty");
            if (!TaxRates.IsValid(spus[i].TaxRate)) return Invalid($"spu[{i}].tax_rate", TaxRates.RangeReason);
            if (!spuIds.Add(spus[i].SpuId)) return Invalid($"spu[{i}].spu_id", "is listed twice");
        }
        return null;
    }

    private static List<RuleOverlap> Overlaps(TaxRuleBook book, int ruleId, IReadOnlyList<RuleMerchant> merchants, IReadOnlyList<RuleSpu> spus) =>
        (from other in book.Rules.Values
         where other.Valid && other.Id != ruleId
         from m in merchants
         where other.Merchants.Any(x => x.AddressId == m.AddressId)
         from s in spus
         where other.Spus.Any(x => x.SpuId == s.SpuId)
         select new RuleOverlap(m.AddressId, s.SpuId, other.Id)).ToList();

    private static Decision<ITaxRuleEvent> OverlapError(List<RuleOverlap> overlaps) =>
        new DomainError(Errors.Overlap, "tax rule overlap: " + string.Join(", ", overlaps.Select(o => $"({o.AddressId}, {o.SpuId}) is rule {o.TaxRuleId}")))
        { Details = overlaps };

    private static Decision<ITaxRuleEvent> NotFound(int id) => Decision<ITaxRuleEvent>.Reject(Errors.NotFound, $"tax rule {id} not found", "tax_id");

    private static Decision<ITaxRuleEvent> Invalid(string field, string reason) => Decision<ITaxRuleEvent>.Reject(Errors.Invalid, reason, field);
}
