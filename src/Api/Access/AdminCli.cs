using Cabinets.Api.Commands;
using Cabinets.Api.Hosting.Embedded;
using Cabinets.Domain.Access.AdminUsers;

namespace Cabinets.Api.Access;

/// <summary>
/// `dotnet run --project src/Api -- admin create &lt;username&gt; [role]`: creates an admin account,
/// reading the password from standard input (never from the command line, where `ps` shows it).
/// </summary>
internal static class AdminCli
{
    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == "admin";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        try
        {
            if (args is not ["admin", "create", var username, ..])
            {
                await Console.Error.WriteLineAsync("usage: admin create <username> [admin|operator|auditor]   (password on stdin)");
                return 2;
            }
            var role = args.Length > 3 ? args[3] : Domain.Access.Roles.Admin;
            var password = (await Console.In.ReadLineAsync())?.TrimEnd('\r', '\n');
            if (string.IsNullOrEmpty(password) || password.Length < 12)
            {
                await Console.Error.WriteLineAsync("a password of at least 12 characters is read from standard input");
                return 2;
            }
            var hash = app.Services.GetRequiredService<PasswordHasher>().Hash(password);
            var result = await app.Services.GetRequiredService<CommandSender>().SendAsync(
                new CreateAdminUser(username, hash, [role], app.Services.GetRequiredService<TimeProvider>().GetUtcNow()),
                new CommandContext(new Actor(Environment.UserName, "operator", "cli")));
            var (message, code) = result switch
            {
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
