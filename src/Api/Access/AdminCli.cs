using Cabinets.Api.Commands;
using Cabinets.Api.Hosting.Embedded;
using Cabinets.Domain.Access.AdminUsers;

namespace Cabinets.Api.Access;

/// <summary>
/// `dotnet run --project src/Api -- admin create &lt;username&gt; [role]` creates an account and
/// `admin reset-password &lt;username&gt;` sets a one-time password (and lifts a lockout), reading the
/// password from standard input (never from the command line, where `ps` shows it).
/// </summary>
internal static class AdminCli
{
    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == "admin";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        try
        {
            if (args is not ["admin", "create" or "reset-password", var username, ..])
            {
                await Console.Error.WriteLineAsync("usage: admin create <username> [role] | admin reset-password <username>   (password on stdin)");
                return 2;
            }
            var verb = args[1];
            var role = args.Length > 3 ? args[3] : Domain.Access.Roles.Admin;
            var password = (await Console.In.ReadLineAsync())?.TrimEnd('\r', '\n');
            if (string.IsNullOrEmpty(password) || password.Length < 12)
            {
                await Console.Error.WriteLineAsync("a password of at least 12 characters is read from standard input");
                return 2;
            }
            var hash = app.Services.GetRequiredService<PasswordHasher>().Hash(password);
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            // The way back in when the last admin's password is lost: a one-time password, set from the host (ADR-0026).
            AdminUserCommand command = verb == "create" ? new CreateAdminUser(username, hash, [role], now) : new ResetAdminPassword(username, hash, now);
            var result = await app.Services.GetRequiredService<CommandSender>().SendAsync(command, new CommandContext(new Actor(Environment.UserName, "operator", "cli")));
            if (result is CommandOutcome.Accepted && verb == "reset-password")
                await app.Services.GetRequiredService<LoginLockout>().ClearAsync(username, CancellationToken.None);
            var (message, code) = result switch
            {
                CommandOutcome.Accepted when verb == "reset-password" => ($"'{username}' has a one-time password; it must be changed at the next sign-in", 0),
                CommandOutcome.Accepted => ($"created {role} '{username}'", 0),
                CommandOutcome.Rejected r => (r.Error.Message, 1),
                CommandOutcome.Invalid i => (string.Join("; ", i.Errors.Select(e => $"{e.Field}: {e.Message}")), 1),
                _ => ("could not create the user; try again", 1),
            };
            await (code == 0 ? Console.Out : Console.Error).WriteLineAsync(message);
            return code;
        }
        finally
        {
            if (app.Services.GetService<EmbeddedPostgres>() is { } embedded) await embedded.DisposeAsync();
        }
    }
}
