using Cabinets.Domain.Deciding;
using Cabinets.Domain.Lockers.Partners;

namespace Cabinets.Domain.Tests.Lockers.Partners;

/// <summary>Given events / When command / Then events — no IO.</summary>
public sealed class PartnerDeciderTests
{
    private const string Id = "ptn00000000000000000001";
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 20, 0, 0, TimeSpan.Zero);
    private static readonly PartnerRegistered Registered = new(Id, "顺丰速运", "ps1:sealed-1", "hash-1", Now);

    private static Decision<IPartnerEvent> When(PartnerCommand command, params IPartnerEvent[] given) =>
        PartnerDecider.Decide(command, given.Aggregate(PartnerState.Initial, PartnerState.Evolve));

    private static IReadOnlyList<IPartnerEvent> Then(Decision<IPartnerEvent> decision)
    {
        decision.Error.ShouldBeNull();
        return decision.Events;
    }

    private static string Rejection(Decision<IPartnerEvent> decision) => decision.Error.ShouldNotBeNull().Code;

    [Fact]
    public void registering_records_the_sealed_secret_and_the_code_hash_with_the_trimmed_name()
    {
        Then(When(new RegisterPartner(Id, "  顺丰速运 ", "ps1:sealed-1", "hash-1", Now))).ShouldBe([Registered]);
    }

    [Fact]
    public void a_partner_is_registered_once()
    {
        Rejection(When(new RegisterPartner(Id, "again", "ps1:x", "h", Now), Registered)).ShouldBe(PartnerDecider.Errors.AlreadyRegistered);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("line\nbreak")]
    public void a_name_must_be_printable_and_not_empty(string name)
    {
        Rejection(When(new RegisterPartner(Id, name, "ps1:x", "h", Now))).ShouldBe(PartnerDecider.Errors.InvalidName);
        Rejection(When(new RegisterPartner(Id, new string('名', PartnerDecider.MaxNameLength + 1), "ps1:x", "h", Now))).ShouldBe(PartnerDecider.Errors.InvalidName);
    }

    [Fact]
    public void rotating_replaces_secret_and_code_at_once()
    {
        var later = Now.AddDays(1);
        Then(When(new RotatePartnerSecret(Id, "ps1:sealed-2", "hash-2", later), Registered))
            .ShouldBe([new PartnerSecretRotated(Id, "ps1:sealed-2", "hash-2", later)]);
        var state = new IPartnerEvent[] { Registered, new PartnerSecretRotated(Id, "ps1:sealed-2", "hash-2", later) }
            .Aggregate(PartnerState.Initial, PartnerState.Evolve);
        state.SealedSecret.ShouldBe("ps1:sealed-2");
        state.AuthCodeHash.ShouldBe("hash-2");
    }

    [Fact]
    public void an_unknown_or_disabled_partner_cannot_rotate()
    {
        Rejection(When(new RotatePartnerSecret(Id, "ps1:x", "h", Now))).ShouldBe(PartnerDecider.Errors.NotFound);
        Rejection(When(new RotatePartnerSecret(Id, "ps1:x", "h", Now), Registered, new PartnerDisabled(Id, Now))).ShouldBe(PartnerDecider.Errors.Disabled);
    }

    [Fact]
    public void disabling_is_final_and_repeating_it_changes_nothing()
    {
        Then(When(new DisablePartner(Id, Now), Registered)).ShouldBe([new PartnerDisabled(Id, Now)]);
        Then(When(new DisablePartner(Id, Now), Registered, new PartnerDisabled(Id, Now))).ShouldBeEmpty();
        Rejection(When(new DisablePartner(Id, Now))).ShouldBe(PartnerDecider.Errors.NotFound);
    }

    [Fact]
    public void commands_and_events_never_print_their_credentials()
    {
        new RegisterPartner(Id, "n", "ps1:c2VjcmV0", "deadbeef", Now).ToString().ShouldNotContain("c2VjcmV0");
        new RotatePartnerSecret(Id, "ps1:c2VjcmV0", "deadbeef", Now).ToString().ShouldNotContain("deadbeef");
        new PartnerRegistered(Id, "n", "ps1:c2VjcmV0", "deadbeef", Now).ToString().ShouldNotContain("c2VjcmV0");
        new PartnerSecretRotated(Id, "ps1:c2VjcmV0", "deadbeef", Now).ToString().ShouldNotContain("deadbeef");
    }
}
