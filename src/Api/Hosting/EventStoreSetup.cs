using Cabinets.Domain.Access.AdminUsers;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Domain.Operations;
using Cabinets.EventStore;
using Cabinets.EventStore.Daemon;
using Cabinets.EventStore.Events;
using Cabinets.EventStore.Projections;
using Cabinets.EventStore.Schema;
using Cabinets.Projections.Lockers;
using Npgsql;

namespace Cabinets.Api.Hosting;

/// <summary>The store, its event names, read models and schema modules, as one registration.</summary>
internal static class EventStoreSetup
{
    public static async Task AddEventStoreAsync(this WebApplicationBuilder builder)
    {
        var connectionString = await DatabaseSetup.ResolveConnectionStringAsync(builder);
        var csb = new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 10, MaxPoolSize = 200 };
        builder.Services.AddSingleton(_ => EventStoreDataSource.Create(csb.ConnectionString));

        var registry = new EventTypeRegistry().RegisterAll(CabinetEventNames.All).RegisterAll(AdminUserEventNames.All)
            .RegisterAll(OperatorActionEventNames.All);
        builder.Services.AddSingleton(registry);
        foreach (var projection in LockerProjections.All()) builder.Services.AddSingleton(projection);
        builder.Services.AddSingleton(sp => new PostgresEventStore(
            sp.GetRequiredService<NpgsqlDataSource>(), registry, sp.GetServices<IProjection>()));
        builder.Services.AddSingleton(SchemaMigrator.EventStoreModule);
        builder.Services.AddProjectionDaemon(); // every Api process runs it; leases share the work (ADR-0003)
    }

    /// <summary>Brings the schema and the read-model tables up to date before the server listens.</summary>
    public static async Task MigrateAsync(this WebApplication app)
    {
        var ddl = app.Services.GetServices<IProjection>().Select(p => p.CreateTablesSql(ProjectionContext.LiveSchema));
        await SchemaMigrator.MigrateAsync(app.Services.GetRequiredService<NpgsqlDataSource>(),
            app.Services.GetServices<SchemaModule>(), ddl);
    }
}
