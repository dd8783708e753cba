using Cabinets.Api.Commands;
using Cabinets.Domain.Access.AdminUsers;
using Cabinets.Domain.Access.RoleDefinitions;
using Microsoft.AspNetCore.Authentication;

namespace Cabinets.Api.Access;

/// <summary>Admin accounts, roles, sign-in, lockout and bearer tokens (API-CONTRACT.md, Admin authentication; ADR-0026).</summary>
internal static class AccessModule
{
    public static IServiceCollection AddAccess(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new PasswordHasher(config.GetValue("Auth:PasswordIterations", PasswordHasher.DefaultIterations)));
        services.AddSingleton(sp => new TokenStore(sp.GetRequiredService<Marten.IDocumentStore>(), sp.GetRequiredService<TimeProvider>())
        {
            Lifetime = TimeSpan.FromMinutes(config.GetValue("Auth:TokenLifetimeMinutes", 480)),
        });
        services.AddSingleton(sp => new LoginLockout(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>())
        {
            MaxFailures = config.GetValue("Auth:Lockout:MaxFailures", 5),
            Window = TimeSpan.FromMinutes(config.GetValue("Auth:Lockout:WindowMinutes", 15.0)),
            Duration = TimeSpan.FromMinutes(config.GetValue("Auth:Lockout:DurationMinutes", 15.0)),
        });
        services.AddSingleton<GraphQL.AdminActionLog>();
        services.AddSingleton<FluentValidation.IValidator<CreateAdminUser>, CreateAdminUserValidator>();
        services.AddSingleton<FluentValidation.IValidator<DefineRole>, DefineRoleValidator>();
        services.AddAuthentication(BearerTokenAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenAuthentication>(BearerTokenAuthentication.SchemeName, null);
        services.AddAuthorization();
        return services;
    }
}

/// <summary>
/// Creates `admin` from `Admin__BootstrapPassword` when it does not exist yet, once the host has
/// started (the command goes through Wolverine), warms the command path, then opens readiness. There is no built-in
/// default password: without the setting no admin exists until one is created.
/// </summary>
internal sealed class AdminBootstrap(IConfiguration config, PasswordHasher hasher, TimeProvider clock, CommandSender commands,
    Health.StartupGate gate) : IHostedLifecycleService
{
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var password = config["Admin:BootstrapPassword"];
        if (!string.IsNullOrEmpty(password))
        {
            var result = await commands.SendAsync(new CreateAdminUser("admin", hasher.Hash(password), [Domain.Access.Roles.Admin], clock.GetUtcNow()),
                new CommandContext(Actor.System), cancellationToken);
            if (result is CommandOutcome.Invalid invalid)
                throw new InvalidOperationException($"Admin__BootstrapPassword is not acceptable: {string.Join("; ", invalid.Errors.Select(e => e.Message))}");
        }
        // Warm the hot path before readiness opens (ADR-0017): the first frame would otherwise pay
        // for JIT and Marten's first session. A door report for a serial that cannot exist is
        // rejected by the decider and writes nothing.
        await commands.SendAsync(new Domain.Lockers.Cabinets.ReportDoorStatus("~warm-up~", [], clock.GetUtcNow()),
            new CommandContext(Actor.System), cancellationToken);
        gate.Open();
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
