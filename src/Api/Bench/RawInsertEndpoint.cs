using Npgsql;

namespace Cabinets.Api.Bench;

/// <summary>
/// The IBS load's baseline (bench/Ibs.Load): one raw Npgsql `INSERT` and its commit per request,
/// through the same server, connection pool and HTTP stack as `/ibs`. Mapped only when
/// `Bench__RawInsert=true`; never in a normal deployment.
/// </summary>
internal static class RawInsertEndpoint
{
    public static IEndpointRouteBuilder MapBenchBaseline(this IEndpointRouteBuilder app, IConfiguration config)
    {
        if (!config.GetValue("Bench:RawInsert", false)) return app;
        app.MapPost("/bench/raw-insert", async (HttpRequest http, NpgsqlDataSource db, CancellationToken ct) =>
        {
            using var reader = new StreamReader(http.Body);
            var body = await reader.ReadToEndAsync(ct);
            await using var cmd = db.CreateCommand("insert into bench_raw_inserts (body, at) values ($1, now())");
            cmd.Parameters.Add(new NpgsqlParameter { Value = body });
            await cmd.ExecuteNonQueryAsync(ct); // autocommit: the INSERT and its COMMIT
            return Results.Text("ok");
        }).AllowAnonymous();
        using var create = ((IApplicationBuilder)app).ApplicationServices.GetRequiredService<NpgsqlDataSource>()
            .CreateCommand("create table if not exists bench_raw_inserts (id bigserial primary key, body text not null, at timestamptz not null)");
        create.ExecuteNonQuery();
        return app;
    }
}
