using Cabinets.Domain.Access;
using Cabinets.Domain.Access.AdminUsers;
using Cabinets.Domain.Deciding;

namespace Cabinets.Domain.Tests.Access;

/// <summary>Given events / When command / Then events — no IO.</summary>
public sealed class AdminUserDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 20, 0, 0, TimeSpan.Zero);
    private static readonly AdminUserCreated Created = new("ana", "hash-1", [Roles.Operator], Now);

    private static Decision<IAdminUserEvent> When(AdminUserCommand command, params IAdminUserEvent[] given) =>
        AdminUserDecider.Decide(command, State(given));

    private static AdminUserState State(params IAdminUserEvent[] given) => given.Aggregate(AdminUserState.Initial, AdminUserState.Evolve);

    private static IReadOnlyList<IAdminUserEvent> Then(Decision<IAdminUserEvent> decision)
    {
        decision.Error.ShouldBeNull();
        return decision.Events;
    }

    private static string Rejection(Decision<IAdminUserEvent> decision) => decision.Error.ShouldNotBeNull().Code;

    [Fact]
    public void a_user_is_created_once_with_known_roles_only()
    {
        var created = Then(When(new CreateAdminUser("ana", "hash-1", [Roles.Operator], Now))).ShouldHaveSingleItem().ShouldBeOfType<AdminUserCreated>();
        (created.Username, created.PasswordHash, created.At).ShouldBe(("ana", "hash-1", Now));
        created.Roles.ShouldBe([Roles.Operator]);
        Rejection(When(new CreateAdminUser("ana", "hash-2", [Roles.Operator], Now), Created)).ShouldBe(AdminUserDecider.Errors.AlreadyExists);
        Rejection(When(new CreateAdminUser("bo", "h", ["cashier"], Now))).ShouldBe(AdminUserDecider.Errors.UnknownRole);
        Then(When(new CreateAdminUser("bo", "h", ["cashier"], Now) { DefinedRoles = new HashSet<string> { "cashier" } })).Count.ShouldBe(1);
    }

    [Fact]
    public void disabling_is_final_ends_every_session_and_refuses_sign_in()
    {
        var later = Now.AddHours(1);
        var disabled = Then(When(new DisableAdminUser("ana", later), Created)).ShouldHaveSingleItem().ShouldBeOfType<AdminUserDisabled>();
        var state = State(Created, disabled);
        state.Accepts(later.AddMinutes(-1)).ShouldBeFalse();
        state.Accepts(later.AddMinutes(1)).ShouldBeFalse();
        Rejection(When(new RecordSignIn("ana", later), Created, disabled)).ShouldBe(AdminUserDecider.Errors.Disabled);
        Rejection(When(new ResetAdminPassword("ana", "h2", later), Created, disabled)).ShouldBe(AdminUserDecider.Errors.Disabled);
        Then(When(new DisableAdminUser("ana", later), Created, disabled)).ShouldBeEmpty();
    }

    [Fact]
    public void a_reset_sets_a_one_time_password_and_ends_the_sessions_issued_before_it()
    {
        var at = Now.AddHours(1);
        var reset = Then(When(new ResetAdminPassword("ana", "hash-tmp", at), Created)).ShouldHaveSingleItem().ShouldBeOfType<AdminPasswordReset>();
        var state = State(Created, reset);
        state.MustChangePassword.ShouldBeTrue();
        state.PasswordHash.ShouldBe("hash-tmp");
        state.Accepts(at.AddSeconds(-1)).ShouldBeFalse();
        state.Accepts(at.AddSeconds(1)).ShouldBeTrue();
    }

    [Fact]
    public void changing_the_password_needs_the_hash_the_old_one_was_verified_against_and_lifts_the_one_time_flag()
    {
        var reset = new AdminPasswordReset("ana", "hash-tmp", Now.AddHours(1));
        Rejection(When(new ChangeAdminPassword("ana", "hash-1", "hash-new", Now.AddHours(2)), Created, reset)).ShouldBe(AdminUserDecider.Errors.StalePassword);
        var changed = Then(When(new ChangeAdminPassword("ana", "hash-tmp", "hash-new", Now.AddHours(2)), Created, reset)).ShouldHaveSingleItem();
        var state = State(Created, reset, changed);
        state.MustChangePassword.ShouldBeFalse();
        state.PasswordHash.ShouldBe("hash-new");
    }

    [Fact]
    public void roles_are_replaced_by_known_roles_and_an_unchanged_set_records_nothing()
    {
        Then(When(new AssignAdminRoles("ana", [Roles.Auditor, Roles.Operator], Now), Created)).ShouldHaveSingleItem()
            .ShouldBeOfType<AdminRolesAssigned>().Roles.ShouldBe([Roles.Auditor, Roles.Operator]);
        Then(When(new AssignAdminRoles("ana", [Roles.Operator], Now), Created)).ShouldBeEmpty();
        Rejection(When(new AssignAdminRoles("ana", [], Now), Created)).ShouldBe(AdminUserDecider.Errors.NoRoles);
        Rejection(When(new AssignAdminRoles("ana", ["ghost"], Now), Created)).ShouldBe(AdminUserDecider.Errors.UnknownRole);
    }

    [Fact]
    public void revoking_ends_the_sessions_issued_up_to_now_but_not_later_ones()
    {
        var at = Now.AddHours(3);
        var revoked = Then(When(new RevokeAdminSessions("ana", at), Created)).ShouldHaveSingleItem();
        var state = State(Created, revoked);
        state.Accepts(at).ShouldBeFalse();
        state.Accepts(at.AddTicks(1)).ShouldBeTrue();
    }

    [Fact]
    public void commands_for_an_unknown_user_are_refused()
    {
        Rejection(When(new RecordSignIn("nobody", Now))).ShouldBe(AdminUserDecider.Errors.Unknown);
        Rejection(When(new RevokeAdminSessions("nobody", Now))).ShouldBe(AdminUserDecider.Errors.Unknown);
        Rejection(When(new DisableAdminUser("nobody", Now))).ShouldBe(AdminUserDecider.Errors.Unknown);
    }
}
