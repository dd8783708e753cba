using Cabinets.Api.Commands;
using Cabinets.Api.GraphQL;
using Cabinets.Domain.Access;
using Cabinets.Domain.Access.AdminUsers;
using Cabinets.Domain.Access.RoleDefinitions;
using Cabinets.GraphQL;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;
using Marten;

namespace Cabinets.Api.Access.GraphQL;

/// <summary>
/// Account and role mutations: each needs `users.manage` (changePassword: only a session, for the
/// caller's own account) and runs as a command with the signed-in admin as actor, so every change
/// is an event carrying who, from which request (ADR-0026). Passwords arrive in clear over TLS and
/// are hashed here; only hashes reach the events.
/// </summary>
internal static class AccessMutations
{
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 256;

    public static void Add(SchemaBuilder schema) => schema
        .InputObject("CreateAdminUserInput", i => i
            .Field("username", "String!")
            .Field("password", "String!")
            .Field("roles", "[String!]!")
            .Field("stationId", "String"))
        .Mutation(m => m
            .Field("createAdminUser", "AdminUser!", f => f
                .Description("Creates an account with a password the admin sets; `stationId` binds a station user to its station.")
                .Argument("input", "CreateAdminUserInput!")
                .RequirePermissions(Permissions.UsersManage)
                .ResolveAsync(ctx => CreateAsync(ctx.Untyped)))
            .Field("disableAdminUser", "AdminUser!", f => f
                .Description("Disables the account for good: its sign-in is refused and its tokens stop working at once.")
                .Argument("username", "ID!")
                .RequirePermissions(Permissions.UsersManage)
                .ResolveAsync(ctx => DisableAsync(ctx.Untyped)))
            .Field("resetPassword", "AdminUser!", f => f
                .Description("Sets a one-time password: the user's sessions end, and the next one may only change the password.")
                .Argument("username", "ID!")
                .Argument("temporaryPassword", "String!")
                .RequirePermissions(Permissions.UsersManage)
                .ResolveAsync(ctx => ResetAsync(ctx.Untyped)))
            .Field("changePassword", "Boolean!", f => f
                .Description("The caller changes their own password, giving the old one.")
                .Argument("oldPassword", "String!")
                .Argument("newPassword", "String!")
                .RequirePermissions(Permissions.Self)
                .ResolveAsync(ctx => ChangeAsync(ctx.Untyped)))
            .Field("defineRole", "Role!", f => f
                .Description("Defines a role, or replaces a defined role's permissions (holders get them at once); built-in roles are fixed.")
                .Argument("name", "ID!")
                .Argument("permissions", "[String!]!")
                .RequirePermissions(Permissions.UsersManage)
                .ResolveAsync(ctx => DefineRoleAsync(ctx.Untyped)))
            .Field("assignRoles", "AdminUser!", f => f
                .Description("Replaces the account's roles; its sessions hold the new permissions from the next request.")
                .Argument("username", "ID!")
                .Argument("roles", "[String!]!")
                .RequirePermissions(Permissions.UsersManage)
                .ResolveAsync(ctx => AssignAsync(ctx.Untyped)))
            .Field("revokeSessions", "Boolean!", f => f
                .Description("Ends every session the account holds now; it may sign in again.")
                .Argument("username", "ID!")
                .RequirePermissions(Permissions.UsersManage)
                .ResolveAsync(ctx => RevokeAsync(ctx.Untyped))));

    private static async Task<AdminUserView> CreateAsync(ResolveContext ctx)
    {
        var input = ctx.Argument<IReadOnlyDictionary<string, object?>>("input");
        var username = (string)input["username"]!;
        var password = CheckedPassword((string)input["password"]!, "input.password");
        var roles = ((object?[])input["roles"]!).Cast<string>().ToList();
        var command = new CreateAdminUser(username, Hasher(ctx).Hash(password), roles, Now(ctx), input.GetValueOrDefault("stationId") as string);
        await SendAsync(ctx, command);
        return (await AccessSchema.FindUserAsync(ctx, username))!;
    }

    private static async Task<AdminUserView> DisableAsync(ResolveContext ctx)
    {
        var username = ctx.Argument<string>("username");
        if (username == GraphQLRequestContext.Of(ctx).User.Identity?.Name)
            throw new GraphQLException(new GraphQLError("an admin cannot disable their own account", code: "admin_user.self"));
        await SendAsync(ctx, new DisableAdminUser(username, Now(ctx)));
        return (await AccessSchema.FindUserAsync(ctx, username))!;
    }

    private static async Task<AdminUserView> ResetAsync(ResolveContext ctx)
    {
        var username = ctx.Argument<string>("username");
        var password = CheckedPassword(ctx.Argument<string>("temporaryPassword"), "temporaryPassword");
        await SendAsync(ctx, new ResetAdminPassword(username, Hasher(ctx).Hash(password), Now(ctx)));
        await GraphQLRequestContext.Of(ctx).Service<LoginLockout>().ClearAsync(username, ctx.CancellationToken); // the admin re-opened the account
        return (await AccessSchema.FindUserAsync(ctx, username))!;
    }

    /// <summary>A wrong old password counts as a failed sign-in of the account (the lockout of ADR-0026 applies).</summary>
    private static async Task<bool> ChangeAsync(ResolveContext ctx)
    {
        var request = GraphQLRequestContext.Of(ctx);
        var username = request.User.Identity!.Name!;
        var (oldPassword, newPassword) = (ctx.Argument<string>("oldPassword"), CheckedPassword(ctx.Argument<string>("newPassword"), "newPassword"));
        if (oldPassword == newPassword) throw BadInput("the new password must differ from the old one", "newPassword");
        var lockout = request.Service<LoginLockout>();
        if (await lockout.LockedUntilAsync(username, ctx.CancellationToken) is not null)
            throw new GraphQLException(new GraphQLError("too many failed attempts; try again later", code: "auth.locked_out"));

        await using var session = request.Service<IDocumentStore>().QuerySession();
        var state = await TokenStore.LoadUserAsync(session, username, ctx.CancellationToken);
        if (state?.PasswordHash is not { } hash || !PasswordHasher.Verify(oldPassword, hash))
        {
            await lockout.RecordFailureAsync(username, ctx.CancellationToken);
            throw new GraphQLException(new GraphQLError("the old password is wrong", code: "admin_user.wrong_password",
                extensions: new Dictionary<string, object?> { ["fields"] = new[] { "oldPassword" } }));
        }
        await SendAsync(ctx, new ChangeAdminPassword(username, hash, Hasher(ctx).Hash(newPassword), Now(ctx)));
        return true;
    }

    private static async Task<RoleView> DefineRoleAsync(ResolveContext ctx)
    {
        var name = ctx.Argument<string>("name");
        await SendAsync(ctx, new DefineRole(name, ctx.Argument<IReadOnlyList<string>>("permissions"), Now(ctx)));
        return (await AccessSchema.FindRoleAsync(ctx, name))!;
    }

    private static async Task<AdminUserView> AssignAsync(ResolveContext ctx)
    {
        var username = ctx.Argument<string>("username");
        await SendAsync(ctx, new AssignAdminRoles(username, ctx.Argument<IReadOnlyList<string>>("roles"), Now(ctx)));
        return (await AccessSchema.FindUserAsync(ctx, username))!;
    }

    private static async Task<bool> RevokeAsync(ResolveContext ctx)
    {
        await SendAsync(ctx, new RevokeAdminSessions(ctx.Argument<string>("username"), Now(ctx)));
        return true;
    }

    private static string CheckedPassword(string password, string field) => password.Length is >= MinPasswordLength and <= MaxPasswordLength
        ? password
        : throw BadInput($"a password is {MinPasswordLength}-{MaxPasswordLength} characters", field);

    private static GraphQLException BadInput(string message, string field) =>
        new(new GraphQLError(message, code: ErrorCodes.BadUserInput, extensions: new Dictionary<string, object?> { ["fields"] = new[] { field } }));

    private static async Task SendAsync(ResolveContext ctx, object command)
    {
        var request = GraphQLRequestContext.Of(ctx);
        var result = await request.Service<CommandSender>().SendAsync(command, new CommandContext(request.Actor, CorrelationId: request.CorrelationId), ctx.CancellationToken);
        GraphQLCommandErrors.ThrowIfFailed(result);
    }

    private static PasswordHasher Hasher(ResolveContext ctx) => GraphQLRequestContext.Of(ctx).Service<PasswordHasher>();

    private static DateTimeOffset Now(ResolveContext ctx) => GraphQLRequestContext.Of(ctx).Service<TimeProvider>().GetUtcNow();
}
