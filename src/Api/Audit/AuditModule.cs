namespace Cabinets.Api.Audit;

/// <summary>The auditors' services: replay-and-compare (history and as-of views are GraphQL over Marten).</summary>
internal static class AuditModule
{
    public static IServiceCollection AddAudit(this IServiceCollection services) => services.AddSingleton<ReplayCompare>();
}
