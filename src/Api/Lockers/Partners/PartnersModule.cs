using Cabinets.Api.Commands;
using Cabinets.Api.Lockers.Partners.Rest;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Cabinets.Api.Lockers.Partners;

/// <summary>
/// Courier partners (issue 9 §1, ADR-0023): their stream and snapshot, the credential protection,
/// the signed REST under `/api/partners` and its OpenAPI document at `/openapi/partners.json`.
/// The admin GraphQL part is `Lockers/GraphQL/PartnersSchema`.
/// </summary>
internal static class PartnersModule
{
    /// <summary>`partners.secret_key` (the server key when not configured), `partners.nonces`, `partners.idempotency_keys`.</summary>
    public static IEnumerable<ISchemaObject> SchemaObjects()
    {
        var key = new Table(Name("secret_key")) { PrimaryKeyName = "secret_key_pkey" };
        key.AddColumn("id", "integer").AsPrimaryKey();
        key.AddColumn("key", "bytea").NotNull();

        var nonces = new Table(Name("nonces")) { PrimaryKeyName = "nonces_pkey" };
        nonces.AddColumn("partner_id", "text").AsPrimaryKey();
        nonces.AddColumn("nonce", "text").AsPrimaryKey();
        nonces.AddColumn("seen_at", "timestamptz").NotNull();
        nonces.Indexes.Add(new IndexDefinition("nonces_seen_at") { Columns = ["seen_at"] });

        var keys = IdempotencyKeyStore.Table("partners", "idempotency_keys", "partner_id", keepsContentType: true, "partner_idempotency_keys_pkey");
        return [key, nonces, keys];
    }

    private static PostgresqlObjectName Name(string table) => new("partners", table, SchemaUtils.IdentifierUsage.General);

    public static IServiceCollection AddPartners(this IServiceCollection services, IConfiguration config)
    {
        var key = PartnerSecrets.ConfiguredKey(config);
        services.AddSingleton(sp => new PartnerSecrets(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), key));
        services.AddSingleton<PartnerDirectory>();
        services.AddSingleton<PartnerNonces>();
        services.AddSingleton<PartnerIdempotencyKeys>();
        services.AddSingleton<PartnerSignatureFilter>();
        services.AddSingleton<PartnerIdempotency>();
        services.AddPartnerOpenApi();
        return services;
    }

    public static IEndpointRouteBuilder MapPartners(this IEndpointRouteBuilder app)
    {
        app.MapPartnerRest();
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }
}
