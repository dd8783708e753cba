using Cabinets.Api.Stations.Rest;
using Weasel.Core;
using Weasel.Postgresql.Tables;
using Weasel.Postgresql;

namespace Cabinets.Api.Stations;

/// <summary>
/// The station module (seed 003, TAX.md): tax rules, merchants and SKUs, station orders and their
/// delivery sheets. Commands are handled in `Handlers/`, decided by the deciders in
/// `src/Domain/Stations`; read models are the inline snapshots of `src/Projections/Stations`.
/// </summary>
internal static class StationsModule
{
    /// <summary>Rule ids and order numbers come from sequences (ids come in on commands, never from a clock); idempotency keys have their table.</summary>
    public static IEnumerable<ISchemaObject> SchemaObjects() =>
    [
        new Sequence(new PostgresqlObjectName("stations", "tax_rule_ids", SchemaUtils.IdentifierUsage.General)),
        new Sequence(new PostgresqlObjectName("stations", "order_numbers", SchemaUtils.IdentifierUsage.General), 8841170),
        Commands.IdempotencyKeyStore.Table("stations", "idempotency_keys", "station_id", keepsContentType: false, "idempotency_keys_pkey"),
    ];

    public static IServiceCollection AddStations(this IServiceCollection services, IConfiguration config) =>
        services.AddSingleton(new StationRest.StationSettings(config["Stations:DefaultStationId"] ?? "T7936")).AddSingleton<IdempotencyKeys>().AddSingleton<StationIdempotency>()
            .AddSingleton(sp => new PersonalData.PersonalDataVault(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(),
                config["PersonalData:HashKey"] is { Length: > 0 } key ? Convert.FromBase64String(key) : null));

    /// <summary>The station REST of seed 003 (TAX.md §4.2), under the seed's own paths.</summary>
    public static IEndpointRouteBuilder MapStations(this IEndpointRouteBuilder app)
    {
        var station = app.MapGroup("").AddEndpointFilter<StationIdempotency>();
        station.MapTaxRuleEndpoints().MapStationSkuEndpoints().MapStationOrderEndpoints().MapStationOrderLineEndpoints().MapDeliverySheetEndpoints().MapSortingSheetEndpoints();
        return app;
    }
}
