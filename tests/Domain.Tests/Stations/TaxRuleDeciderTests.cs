using Cabinets.Domain.Deciding;
using Cabinets.Domain.Stations.TaxRules;

namespace Cabinets.Domain.Tests.Stations;

/// <summary>Given events / When command / Then events — TAX.md §1.2, §1.3, §2.1, §2.2 and scenarios 1, 2, 6, 9, 10, 16.</summary>
public sealed class TaxRuleDeciderTests
{
    private const string Station = "T7936";
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Now.AddHours(1);

    private static readonly RuleMerchant Shop0812 = new(217824, "测试店铺0812分店");
    private static readonly RuleMerchant Shop266603 = new(266603, "商户266603");
    private static readonly RuleSpu Milk45 = new("C2473562", "测试牛奶1", 4500);
    private static readonly RuleSpu Beans0 = new("C2723984", "兰花豆", 0);
    private static readonly RuleSpu Other20 = new("C1969177", "其他", 2000);

    private static readonly IDecider<TaxRuleCommand, TaxRuleBook, ITaxRuleEvent> Decider = TaxRuleDecider.Instance;

    private static TaxRuleBook Given(params ITaxRuleEvent[] given) => given.Aggregate(Decider.Initial, Decider.Evolve);

    private static Decision<ITaxRuleEvent> When(TaxRuleCommand command, params ITaxRuleEvent[] given) => Decider.Decide(command, Given(given));

    private static IReadOnlyList<ITaxRuleEvent> Then(Decision<ITaxRuleEvent> decision)
    {
        decision.Error.ShouldBeNull();
        return decision.Events;
    }

    private static DomainError Rejection(Decision<ITaxRuleEvent> decision)
    {
        decision.Events.ShouldBeEmpty();
        return decision.Error.ShouldNotBeNull();
    }

    private static CreateTaxRule Create(int id, string name = "乳品", bool valid = true, RuleMerchant[]? merchants = null, RuleSpu[]? spus = null) =>
        new(Station, id, name, valid, merchants ?? [Shop0812], spus ?? [Milk45], Now);

    private static EditTaxRule Edit(int id, string? name = null, bool? valid = null, RuleMerchant[]? merchants = null, RuleSpu[]? spus = null,
        int? expectedVersion = null) =>
        new(Station, id, name, valid, merchants ?? [Shop0812], spus ?? [Milk45], expectedVersion, Later);

    private static TaxRuleCreated Created(int id, string name = "乳品", bool valid = true, RuleMerchant[]? merchants = null, RuleSpu[]? spus = null) =>
        new(id, Station, name, valid, merchants ?? [Shop0812], spus ?? [Milk45], Now);

    /// <summary>Rule 1 of scenario 1: 乳品, (217824 × C2473562) at 45 %.</summary>
    private static readonly TaxRuleCreated Rule1 = Created(1);

    [Fact]
    public void creating_a_rule_records_its_content_in_basis_points_and_answers_its_id()
    {
        var decision = When(Create(1, name: "  乳品  "));
        var created = Then(decision).ShouldHaveSingleItem().ShouldBeOfType<TaxRuleCreated>();
        decision.Answer.ShouldBe(1);
        created.RuleId.ShouldBe(1);
        created.StationId.ShouldBe(Station);
        created.Name.ShouldBe("乳品");
        created.Valid.ShouldBeTrue();
        created.Merchants.ShouldBe([Shop0812]);
        created.Spus.ShouldBe([Milk45]);
        created.Spus[0].TaxRate.ShouldBe(4500);
        created.At.ShouldBe(Now);

        var rule = Given(created).Rules[1];
        rule.Valid.ShouldBeTrue();
        rule.Version.ShouldBe(1);
        rule.Spus[0].TaxRate.ShouldBe(4500);
    }

    [Fact]
    public void an_existing_rule_id_cannot_be_created_again() =>
        Rejection(When(Create(1), Rule1)).Code.ShouldBe(TaxRuleDecider.Errors.AlreadyExists);

    [Fact]
    public void rates_at_the_bounds_are_accepted()
    {
        Then(When(Create(1, spus: [Milk45 with { TaxRate = 9999 }]))).ShouldHaveSingleItem();
        Then(When(Create(1, spus: [Milk45 with { TaxRate = 0 }]))).ShouldHaveSingleItem();
    }

    public static TheoryData<string, RuleMerchant[], RuleSpu[], string> InvalidContent => new()
    {
        { "", [Shop0812], [Milk45], "tax_name" },
        { "   ", [Shop0812], [Milk45], "tax_name" },
        { new string('税', 101), [Shop0812], [Milk45], "tax_name" },
        { "乳品", [], [Milk45], "address" },
        { "乳品", [new RuleMerchant(0, "x")], [Milk45], "address[0].address_id" },
        { "乳品", [Shop0812, new RuleMerchant(-5, "x")], [Milk45], "address[1].address_id" },
        { "乳品", [new RuleMerchant(217824, " ")], [Milk45], "address[0].address_name" },
        { "乳品", [Shop0812, Shop266603, Shop0812 with { AddressName = "又一次" }], [Milk45], "address[2].address_id" },
        { "乳品", [Shop0812], [], "spu" },
        { "乳品", [Shop0812], [Milk45 with { SpuId = "" }], "spu[0].spu_id" },
        { "乳品", [Shop0812], [Milk45 with { SpuName = "" }], "spu[0].spu_name" },
        { "乳品", [Shop0812], [Milk45 with { TaxRate = 10000 }], "spu[0].tax_rate" },
        { "乳品", [Shop0812], [Milk45, Beans0 with { TaxRate = -100 }], "spu[1].tax_rate" },
        { "乳品", [Shop0812], [Milk45, Beans0, Milk45 with { TaxRate = 1300 }], "spu[2].spu_id" },
    };

    [Theory]
    [MemberData(nameof(InvalidContent))]
    public void invalid_content_is_refused_naming_the_first_failing_field_on_create_and_on_edit(string name, RuleMerchant[] merchants, RuleSpu[] spus, string field)
    {
        var onCreate = Rejection(When(Create(2, name, merchants: merchants, spus: spus)));
        onCreate.Code.ShouldBe(TaxRuleDecider.Errors.Invalid);
        onCreate.Field.ShouldBe(field);

        var onEdit = Rejection(When(Edit(1, name, merchants: merchants, spus: spus), Rule1));
        onEdit.Code.ShouldBe(TaxRuleDecider.Errors.Invalid);
        onEdit.Field.ShouldBe(field);
    }

    [Fact]
    public void an_out_of_range_rate_gives_the_range_reason() =>
        Rejection(When(Create(1, spus: [Milk45 with { TaxRate = 10000 }]))).Message.ShouldBe(Cabinets.Domain.Stations.TaxRates.RangeReason);

    [Fact]
    public void a_name_of_100_characters_is_accepted() =>
        Then(When(Create(1, name: new string('税', 100)))).ShouldHaveSingleItem();

    [Fact]
    public void a_second_valid_rule_covering_a_covered_pair_is_refused_with_the_conflicting_pairs()
    {
        var error = Rejection(When(Create(2, name: "乳品2", merchants: [Shop0812, Shop266603], spus: [Milk45 with { TaxRate = 1300 }, Beans0]), Rule1));
        error.Code.ShouldBe(TaxRuleDecider.Errors.Overlap);
        error.Details.ShouldBeOfType<List<RuleOverlap>>().ShouldBe([new RuleOverlap(217824, "C2473562", 1)]);
    }

    [Fact]
    public void every_conflicting_pair_is_listed_against_each_rule_it_clashes_with()
    {
        var given = new ITaxRuleEvent[]
        {
            Created(1, merchants: [Shop0812], spus: [Milk45, Beans0]),
            Created(2, name: "其他", merchants: [Shop266603], spus: [Other20]),
        };
        var error = Rejection(When(Create(3, merchants: [Shop0812, Shop266603], spus: [Milk45, Beans0, Other20]), given));
        error.Code.ShouldBe(TaxRuleDecider.Errors.Overlap);
        error.Details.ShouldBeOfType<List<RuleOverlap>>().ShouldBe(
            [new RuleOverlap(217824, "C2473562", 1), new RuleOverlap(217824, "C2723984", 1), new RuleOverlap(266603, "C1969177", 2)],
            ignoreOrder: true);
    }

    [Fact]
    public void rules_on_different_pairs_do_not_overlap()
    {
        Then(When(Create(2, merchants: [Shop266603], spus: [Milk45]), Rule1)).ShouldHaveSingleItem();
        Then(When(Create(2, merchants: [Shop0812], spus: [Beans0]), Rule1)).ShouldHaveSingleItem();
    }

    [Fact]
    public void an_invalid_second_rule_on_a_covered_pair_is_accepted_and_re_validating_it_is_refused()
    {
        var decision = When(Create(2, name: "乳品2", valid: false, spus: [Milk45 with { TaxRate = 1300 }]), Rule1);
        var created = Then(decision).ShouldHaveSingleItem().ShouldBeOfType<TaxRuleCreated>();
        created.Valid.ShouldBeFalse();
        decision.Answer.ShouldBe(2);

        var given = new ITaxRuleEvent[] { Rule1, created };
        var bySetStatus = Rejection(When(new SetTaxRuleStatus(Station, 2, true, Later), given));
        bySetStatus.Code.ShouldBe(TaxRuleDecider.Errors.Overlap);
        bySetStatus.Details.ShouldBeOfType<List<RuleOverlap>>().ShouldBe([new RuleOverlap(217824, "C2473562", 1)]);

        var byEdit = Rejection(When(Edit(2, valid: true, spus: [Milk45 with { TaxRate = 1300 }]), given));
        byEdit.Code.ShouldBe(TaxRuleDecider.Errors.Overlap);
        byEdit.Details.ShouldBeOfType<List<RuleOverlap>>().ShouldBe([new RuleOverlap(217824, "C2473562", 1)]);
    }

    [Fact]
    public void an_invalid_rule_does_not_block_and_is_not_blocked()
    {
        var invalid1 = Created(1, valid: false);
        Then(When(Create(2, name: "乳品2"), invalid1)).ShouldHaveSingleItem();
        // once rule 1 is invalidated, the overlapping rule 2 may be validated
        var given = new ITaxRuleEvent[] { Rule1, Created(2, valid: false), new TaxRuleChanged(1, "乳品", false, [Shop0812], [Milk45], 1, Later) };
        Then(When(new SetTaxRuleStatus(Station, 2, true, Later), given)).ShouldHaveSingleItem();
    }

    [Fact]
    public void setting_a_rule_to_the_status_it_has_records_nothing()
    {
        var decision = When(new SetTaxRuleStatus(Station, 1, true, Later), Rule1);
        Then(decision).ShouldBeEmpty();
        decision.Answer.ShouldBe(1);
    }

    [Fact]
    public void a_rule_does_not_overlap_with_itself_when_edited()
    {
        var changed = Then(When(Edit(1, spus: [Milk45 with { TaxRate = 1300 }]), Rule1)).ShouldHaveSingleItem().ShouldBeOfType<TaxRuleChanged>();
        changed.Spus.ShouldBe([Milk45 with { TaxRate = 1300 }]);
    }

    [Fact]
    public void an_edit_replaces_the_lists_and_answers_the_rule_id()
    {
        var decision = When(Edit(1, name: "乳品（新）", merchants: [Shop266603], spus: [Beans0, Other20]), Rule1);
        decision.Answer.ShouldBe(1);
        var changed = Then(decision).ShouldHaveSingleItem().ShouldBeOfType<TaxRuleChanged>();
        changed.RuleId.ShouldBe(1);
        changed.Name.ShouldBe("乳品（新）");
        changed.Valid.ShouldBeTrue();
        changed.Merchants.ShouldBe([Shop266603]);
        changed.Spus.ShouldBe([Beans0, Other20]);
        changed.PreviousVersion.ShouldBe(1);
        changed.At.ShouldBe(Later);

        var rule = Given(Rule1, changed).Rules[1];
        rule.Version.ShouldBe(2);
        rule.Name.ShouldBe("乳品（新）");
        rule.Merchants.ShouldBe([Shop266603]);
        rule.UpdatedAt.ShouldBe(Later);
        rule.CreatedAt.ShouldBe(Now);
    }

    [Fact]
    public void an_edit_without_name_or_status_keeps_them_so_an_invalid_rule_stays_invalid()
    {
        var invalid = Created(1, name: "旧名", valid: false);
        var changed = Then(When(Edit(1, spus: [Milk45 with { TaxRate = 1300 }]), invalid)).ShouldHaveSingleItem().ShouldBeOfType<TaxRuleChanged>();
        changed.Valid.ShouldBeFalse();
        changed.Name.ShouldBe("旧名");

        var valid = Then(When(Edit(1), Rule1)).ShouldHaveSingleItem().ShouldBeOfType<TaxRuleChanged>();
        valid.Valid.ShouldBeTrue();
    }

    [Fact]
    public void an_edit_may_invalidate_a_rule()
    {
        var changed = Then(When(Edit(1, valid: false), Rule1)).ShouldHaveSingleItem().ShouldBeOfType<TaxRuleChanged>();
        changed.Valid.ShouldBeFalse();
    }

    [Fact]
    public void an_edit_of_an_unknown_rule_is_not_found()
    {
        var error = Rejection(When(Edit(9), Rule1));
        error.Code.ShouldBe(TaxRuleDecider.Errors.NotFound);
        error.Field.ShouldBe("tax_id");
        Rejection(When(new SetTaxRuleStatus(Station, 9, false, Later), Rule1)).Code.ShouldBe(TaxRuleDecider.Errors.NotFound);
    }

    [Fact]
    public void an_edit_at_a_stale_version_is_refused()
    {
        var given = new ITaxRuleEvent[] { Rule1, new TaxRuleChanged(1, "乳品", true, [Shop0812], [Milk45 with { TaxRate = 1300 }], 1, Later) };
        Rejection(When(Edit(1, expectedVersion: 1), given)).Code.ShouldBe(TaxRuleDecider.Errors.VersionConflict);
        Then(When(Edit(1, expectedVersion: 2), given)).ShouldHaveSingleItem().ShouldBeOfType<TaxRuleChanged>().PreviousVersion.ShouldBe(2);
    }

    [Fact]
    public void setting_the_status_keeps_the_content_and_changes_only_validity()
    {
        var changed = Then(When(new SetTaxRuleStatus(Station, 1, false, Later), Rule1)).ShouldHaveSingleItem().ShouldBeOfType<TaxRuleChanged>();
        changed.Valid.ShouldBeFalse();
        changed.Name.ShouldBe(Rule1.Name);
        changed.Merchants.ShouldBe(Rule1.Merchants);
        changed.Spus.ShouldBe(Rule1.Spus);
        changed.PreviousVersion.ShouldBe(1);

        var book = Given(Rule1, changed);
        book.Rules[1].Valid.ShouldBeFalse();
        var again = Then(When(new SetTaxRuleStatus(Station, 1, true, Later), Rule1, changed)).ShouldHaveSingleItem().ShouldBeOfType<TaxRuleChanged>();
        again.Valid.ShouldBeTrue();
        again.PreviousVersion.ShouldBe(2);
    }

    [Fact]
    public void a_valid_rule_gives_its_rate_as_set_with_its_id()
    {
        var book = Given(Rule1);
        book.RateFor(217824, "C2473562").ShouldBe(new RateCapture(4500, true, 1));
        book.RateFor(217824, "C2723984").ShouldBe(RateCapture.NotSet);
        book.RateFor(266603, "C2473562").ShouldBe(RateCapture.NotSet);
    }

    [Fact]
    public void an_invalid_rule_gives_not_set()
    {
        var invalidated = new TaxRuleChanged(1, "乳品", false, [Shop0812], [Milk45], 1, Later);
        var rate = Given(Rule1, invalidated).RateFor(217824, "C2473562");
        rate.ShouldBe(RateCapture.NotSet);
        rate.TaxRate.ShouldBe(0);
        rate.IsSet.ShouldBeFalse();
        rate.RuleId.ShouldBeNull();
    }

    [Fact]
    public void a_rule_of_0_percent_is_a_set_rate_of_0()
    {
        var zero = Created(7, name: "零税", merchants: [Shop266603], spus: [Beans0]);
        var book = Given(Rule1, zero);
        book.RateFor(266603, "C2723984").ShouldBe(new RateCapture(0, true, 7));
        book.RateFor(217824, "C2723984").ShouldBe(RateCapture.NotSet);
    }

    [Fact]
    public void a_changed_rate_is_what_the_rule_gives_from_then_on()
    {
        var edited = Then(When(Edit(1, spus: [Milk45 with { TaxRate = 1300 }]), Rule1)).ShouldHaveSingleItem();
        Given(Rule1, edited).RateFor(217824, "C2473562").ShouldBe(new RateCapture(1300, true, 1));
    }
}
