using Cabinets.Domain.Access.AdminUsers;
using Cabinets.EventStore.Schema;
using Cabinets.Messaging.Commands;
using Cabinets.Messaging.Hosting;
using Microsoft.AspNetCore.Authentication;

namespace Cabinets.Api.Access;

/// <summary>Admin accounts, sign-in and bearer tokens (API-CONTRACT.md, Admin authentication).</summary>
internal static class AccessModule
{
    public static SchemaModule Schema { get; } = new("api", typeof(AccessModule).Assembly);

    public static StreamRef StreamOf(AdminUserCommand c) => new(AdminUserEventNames.StreamId(c.Username), AdminUserEventNames.StreamType);

    public static MessagingBuilder AddAccess(this MessagingBuilder messaging, IConfiguration config)
    {
        var services = messaging.Services;
        services.AddSingleton(Schema);
        services.AddSingleton(new PasswordHasher(config.GetValue("Auth:PasswordIterations", PasswordHasher.DefaultIterations)));
        services.AddSingleton(sp => new TokenStore(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>())
        {
            Lifetime = TimeSpan.FromMinutes(config.GetValue("Auth:TokenLifetimeMinutes", 480)),
        });
        services.AddAuthentication(BearerTokenAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenAuthentication>(BearerTokenAuthentication.SchemeName, null);
        services.AddAuthorization();
        return messaging
            .AddCommand(CommandHandler.For<CreateAdminUser, object?>("access.create_admin_user").OnStream(AdminUserDecider.Instance, StreamOf))
            .AddValidator<CreateAdminUser, CreateAdminUserValidator>()
            .AddCommand(CommandHandler.For<RecordSignIn, object?>("access.record_sign_in").OnStream(AdminUserDecider.Instance, StreamOf));
    }

    /// <summary>
    /// Creates `admin` from `Admin__BootstrapPassword` when it does not exist yet. There is no
    /// built-in default password: without the setting no admin exists until one is created.
    /// </summary>
    public static async Task BootstrapAdminAsync(this WebApplication app)
    {
        var password = app.Configuration["Admin:BootstrapPassword"];
        if (string.IsNullOrEmpty(password)) return;
        var hasher = app.Services.GetRequiredService<PasswordHasher>();
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var create = app.Services.GetRequiredService<CommandPipeline<CreateAdminUser, object?>>();
        var result = await create.ExecuteAsync(new CreateAdminUser("admin", hasher.Hash(password), [Domain.Access.Roles.Admin], now),
            new CommandContext(EventStore.Events.Actor.System));
        if (result is CommandResult<object?>.Invalid invalid)
            throw new InvalidOperationException($"Admin__BootstrapPassword is not acceptable: {string.Join("; ", invalid.Errors.Select(e => e.Message))}");
    }
}
