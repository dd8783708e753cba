using Cabinets.EventStore.Schema;
using Npgsql;

namespace Cabinets.Api.Health;

/// <summary>`/health/live` (the process answers) and `/health/ready` (database reachable, schema current).</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
        app.MapGet("/health/ready", async (NpgsqlDataSource db, IEnumerable<SchemaModule> modules, CancellationToken ct) =>
        {
            try
            {
                return await SchemaMigrator.IsCurrentAsync(db, modules, ct)
                    ? Results.Ok(new { status = "ready" })
                    : Results.Json(new { status = "schema not current" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            catch (NpgsqlException)
            {
                return Results.Json(new { status = "database unreachable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return app;
    }
}
