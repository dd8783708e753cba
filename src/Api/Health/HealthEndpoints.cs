using Cabinets.Api.Observability;
using Marten;
using Npgsql;

namespace Cabinets.Api.Health;

/// <summary>
/// `/health/live` (the process answers, with its Wolverine node id) and `/health/ready` (database reachable, and Marten's
/// schema — events, documents, read-model tables, Wolverine's envelopes — matches the code, and no
/// async projection stalled past `Health__DaemonStallSeconds`: then 503 `degraded` with the reasons; ADR-0027).
/// </summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        // The node id is the one Wolverine's node tables and agent assignments use.
        var node = app.ServiceProvider.GetRequiredService<Wolverine.Runtime.IWolverineRuntime>().Options.UniqueNodeId;
        app.MapGet("/health/live", () => Results.Ok(new { status = "live", node }));
        app.MapGet("/health/ready", async (IDocumentStore store, StartupGate started, DaemonWatch daemon, CancellationToken ct) =>
        {
            if (!started.IsOpen) return Results.Json(new { status = "starting" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            try
            {
                await store.Storage.Database.AssertDatabaseMatchesConfigurationAsync(ct);
                var verdict = await daemon.ObserveAsync(ct);
                return verdict.Stalled
                    ? Results.Json(new { status = "degraded", reasons = verdict.Reasons, projections = verdict.Projections },
                        statusCode: StatusCodes.Status503ServiceUnavailable)
                    : Results.Ok(new { status = "ready", projections = verdict.Projections });
            }
            catch (NpgsqlException)
            {
                return Results.Json(new { status = "database unreachable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            catch (Weasel.Core.Migrations.DatabaseValidationException)
            {
                return Results.Json(new { status = "schema not current" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return app;
    }
}

/// <summary>Opens once start-up work that needs the running host (the bootstrap admin) is done.</summary>
internal sealed class StartupGate
{
    public bool IsOpen { get; private set; }

    public void Open() => IsOpen = true;
}
