using Cabinets.Domain.Access;
using Cabinets.Domain.Access.RoleDefinitions;

namespace Cabinets.Domain.Tests.Access;

public sealed class RoleDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void a_role_is_defined_with_a_sorted_distinct_set_of_known_permissions()
    {
        var decision = RoleDecider.Decide(new DefineRole("cashier", [Permissions.StationRead, Permissions.LockersRead, Permissions.StationRead], Now), RoleState.Initial);
        var defined = decision.Events.ShouldHaveSingleItem().ShouldBeOfType<RoleDefined>();
        (defined.Name, defined.At).ShouldBe(("cashier", Now));
        defined.Permissions.ShouldBe([Permissions.LockersRead, Permissions.StationRead]);
    }

    [Fact]
    public void redefining_replaces_the_set_and_the_same_set_records_nothing()
    {
        var state = RoleState.Evolve(RoleState.Initial, new RoleDefined("cashier", [Permissions.LockersRead], Now));
        RoleDecider.Decide(new DefineRole("cashier", [Permissions.LockersRead], Now), state).Events.ShouldBeEmpty();
        RoleDecider.Decide(new DefineRole("cashier", [Permissions.AuditRead], Now), state).Events.ShouldHaveSingleItem()
            .ShouldBeOfType<RoleDefined>().Permissions.ShouldBe([Permissions.AuditRead]);
    }

    [Theory]
    [InlineData("admin", Permissions.LockersRead, RoleDecider.Errors.BuiltIn)]
    [InlineData("station", Permissions.LockersRead, RoleDecider.Errors.BuiltIn)]
    [InlineData("cashier", "lockers.destroy", RoleDecider.Errors.UnknownPermission)]
    [InlineData("cashier", Permissions.Self, RoleDecider.Errors.UnknownPermission)]
    public void built_in_roles_and_unknown_permissions_are_refused(string name, string permission, string code)
    {
        RoleDecider.Decide(new DefineRole(name, [permission], Now), RoleState.Initial).Error.ShouldNotBeNull().Code.ShouldBe(code);
    }

    [Fact]
    public void a_role_grants_at_least_one_permission()
    {
        RoleDecider.Decide(new DefineRole("empty", [], Now), RoleState.Initial).Error.ShouldNotBeNull().Code.ShouldBe(RoleDecider.Errors.NoPermissions);
    }

    [Fact]
    public void permissions_of_roles_join_built_in_defaults_and_defined_roles()
    {
        Roles.PermissionsOf([Roles.Admin]).ShouldBe(Permissions.All, ignoreOrder: true);
        Roles.PermissionsOf([Roles.Operator, "cashier", "ghost"], r => r == "cashier" ? [Permissions.StationRead] : null)
            .ShouldBe([Permissions.LockersRead, Permissions.LockersWrite, Permissions.OperationsRead, Permissions.StationRead], ignoreOrder: true);
    }
}
