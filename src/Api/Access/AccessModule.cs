using Cabinets.Api.Commands;
using Cabinets.Domain.Access.AdminUsers;
using Microsoft.AspNetCore.Authentication;

namespace Cabinets.Api.Access;

/// <summary>Admin accounts, sign-in and bearer tokens (API-CONTRACT.md, Admin authentication).</summary>
internal static class AccessModule
{
    public static IServiceCollection AddAccess(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new PasswordHasher(config.GetValue("Auth:PasswordIterations", PasswordHasher.DefaultIterations)));
        services.AddSingleton(sp => new TokenStore(sp.GetRequiredService<Marten.IDocumentStore>(), sp.GetRequiredService<TimeProvider>())
        {
            Lifetime = TimeSpan.FromMinutes(config.GetValue("Auth:TokenLifetimeMinutes", 480)),
        });
        services.AddSingleton<CreateAdminUserValidator>();
        services.AddSingleton<FluentValidation.IValidator<CreateAdminUser>, CreateAdminUserValidator>();
        services.AddAuthentication(BearerTokenAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenAuthentication>(BearerTokenAuthentication.SchemeName, null);
        services.AddAuthorization();
        return services;
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
        var result = await app.Services.GetRequiredService<CommandSender>().SendAsync(
            new CreateAdminUser("admin", hasher.Hash(password), [Domain.Access.Roles.Admin], now), new CommandContext(Actor.System));
        if (result is CommandOutcome.Invalid invalid)
            throw new InvalidOperationException($"Admin__BootstrapPassword is not acceptable: {string.Join("; ", invalid.Errors.Select(e => e.Message))}");
    }
}
