using System.Security.Claims;
using Cabinets.Api.GraphQL;
using Cabinets.Api.GraphQL.Connections;
using Cabinets.Domain.Access;
using Cabinets.Domain.Access.AdminUsers;
using Cabinets.Domain.Access.RoleDefinitions;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;
using Cabinets.Projections.Access.AdminUsers;
using Cabinets.Projections.Access.RoleDefinitions;
using Marten;

namespace Cabinets.Api.Access.GraphQL;

internal sealed record RoleView(string Name, IReadOnlyList<string> Permissions, bool BuiltIn);

internal sealed record MeView(string Username, IReadOnlyList<string> Roles, IReadOnlyList<string> Permissions, string? StationId, bool MustChangePassword);

/// <summary>
/// Accounts, roles and the caller in the admin schema (issue 13 §2; ADR-0026): reading and
/// managing them needs `users.manage`; `me` needs only a session. The mutations are in <see cref="AccessMutations"/>.
/// </summary>
internal static class AccessSchema
{
    public static void Add(SchemaBuilder schema)
    {
        schema
            .AddConnection(AdminUserList.Table)
            .Object<AdminUserView>("AdminUser", t => t
                .Description("An admin console account. Its password is stored only as a PBKDF2 hash and is never shown.")
                .Field("username", "ID!", u => u.Username)
                .Field("roles", "[String!]!", u => u.Roles)
                .Field("stationId", "String", u => u.StationId)
                .Field("disabled", "Boolean!", u => u.Disabled)
                .Field("mustChangePassword", "Boolean!", u => u.MustChangePassword)
                .Field("lastSignInAt", "DateTime", u => u.LastSignInAt))
            .Object<RoleView>("Role", t => t
                .Description("A named permission set. The built-in roles are defaults in code and cannot be redefined.")
                .Field("name", "ID!", r => r.Name)
                .Field("permissions", "[String!]!", r => r.Permissions)
                .Field("builtIn", "Boolean!", r => r.BuiltIn))
            .Object<MeView>("Me", t => t
                .Description("The signed-in account as this request sees it.")
                .Field("username", "String!", m => m.Username)
                .Field("roles", "[String!]!", m => m.Roles)
                .Field("permissions", "[String!]!", m => m.Permissions)
                .Field("stationId", "String", m => m.StationId)
                .Field("mustChangePassword", "Boolean!", m => m.MustChangePassword))
            .Query(q => q
                .Field("me", "Me", f => f
                    .Description("The caller: roles and effective permissions. A session with a one-time password holds only `account.self`.")
                    .RequirePermissions(Permissions.Self)
                    .Resolve(ctx => Me(GraphQLRequestContext.Of(ctx.Untyped).User)))
                .Field("adminUsers", AdminUserList.Table.ConnectionType() + "!", f => f
                    .Description("Admin accounts, filtered and sorted in the database.")
                    .RequirePermissions(Permissions.UsersManage)
                    .UseConnection(AdminUserList.Table))
                .Field("adminUser", "AdminUser", f => f
                    .Argument("username", "ID!")
                    .RequirePermissions(Permissions.UsersManage)
                    .ResolveAsync(ctx => FindUserAsync(ctx.Untyped, ctx.Argument<string>("username"))))
                .Field("roles", "[Role!]!", f => f
                    .Description("The built-in roles, then the defined ones by name.")
                    .RequirePermissions(Permissions.UsersManage)
                    .ResolveAsync(ctx => RolesAsync(ctx.Untyped)))
                .Field("permissions", "[String!]!", f => f
                    .Description("Every permission a role may grant.")
                    .RequirePermissions(Permissions.UsersManage)
                    .Resolve(_ => Permissions.All)));
        AccessMutations.Add(schema);
        AdminActionsSchema.Add(schema);
    }

    private static MeView Me(ClaimsPrincipal user) => new(user.Identity!.Name!,
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(),
        user.FindAll(BearerTokenAuthentication.PermissionClaim).Select(c => c.Value).Order(StringComparer.Ordinal).ToList(),
        user.FindFirstValue(BearerTokenAuthentication.StationClaim),
        user.HasClaim(BearerTokenAuthentication.MustChangePasswordClaim, "true"));

    public static async Task<AdminUserView?> FindUserAsync(ResolveContext ctx, string username)
    {
        await using var session = GraphQLRequestContext.Of(ctx).Service<IDocumentStore>().QuerySession();
        var state = (await session.LoadAsync<AdminUserSnapshot>(AdminUserEventNames.StreamId(username), ctx.CancellationToken))?.State;
        return state is { Exists: true }
            ? new AdminUserView(username, state.Roles, state.StationId, state.Disabled, state.MustChangePassword, state.LastSignIn)
            : null;
    }

    public static async Task<RoleView?> FindRoleAsync(ResolveContext ctx, string name)
    {
        if (Roles.IsBuiltIn(name)) return new RoleView(name, Roles.BuiltInPermissions(name), true);
        await using var session = GraphQLRequestContext.Of(ctx).Service<IDocumentStore>().QuerySession();
        var state = (await session.LoadAsync<RoleSnapshot>(RoleEventNames.StreamId(name), ctx.CancellationToken))?.State;
        return state is { Exists: true } ? new RoleView(name, state.Permissions, false) : null;
    }

    private static async Task<IReadOnlyList<RoleView>> RolesAsync(ResolveContext ctx)
    {
        await using var session = GraphQLRequestContext.Of(ctx).Service<IDocumentStore>().QuerySession();
        var defined = await session.Query<RoleSnapshot>().ToListAsync(ctx.CancellationToken);
        return Roles.All.Select(r => new RoleView(r, Roles.BuiltInPermissions(r), true))
            .Concat(defined.Where(d => d.State.Exists).OrderBy(d => d.State.Name, StringComparer.Ordinal)
                .Select(d => new RoleView(d.State.Name!, d.State.Permissions, false)))
            .ToList();
    }
}
