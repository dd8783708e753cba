using Cabinets.Api.Commands;
using Cabinets.Projections.Access.AdminUsers;
using Cabinets.Projections.Lockers.Cabinets;
using Cabinets.Projections.Lockers.FreeDoors;
using Cabinets.Projections.Lockers.Parcels;
using Cabinets.Projections.Lockers.Incidents;
using Cabinets.Projections.Lockers.Partners;
using Cabinets.Projections.Stations;
using Cabinets.Projections.Stations.OrderLines;
using Cabinets.Domain.Stations.Orders;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Core;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Marten;

namespace Cabinets.Api.Hosting;

/// <summary>
/// Marten is the event store and read-model host, Wolverine the command pipeline and outbox
/// (ADR-0013). Settings that cost events stay at their safe defaults (ADR-0015); the ones set here
/// are the measured fast path of CRITTER.md §2 and metadata from the first event.
/// </summary>
public static class CritterStackSetup
{
    public static async Task AddCritterStackAsync(this WebApplicationBuilder builder)
    {
        var connectionString = await DatabaseSetup.ResolveConnectionStringAsync(builder);
        var dataSourceConnectionString = DataSourceConnectionString(connectionString);
        // Named, so that Npgsql's pool metrics are labelled "eventstore", not with the connection string (ADR-0027).
        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(dataSourceConnectionString) { Name = "eventstore" }.Build());

        builder.Services.AddMarten(ConfigureMarten)
            .UseNpgsqlDataSource()
            .IntegrateWithWolverine(x => x.UseWolverineManagedEventSubscriptionDistribution = true)
            .ApplyAllDatabaseChangesOnStartup();

        var durability = builder.Configuration.GetValue("Wolverine:Durability", DurabilityMode.Balanced);
        var writeGeneratedCode = builder.Configuration.GetValue("Wolverine:WriteGeneratedCode", false);
        var externalRetries = ExternalRetrySchedule(builder.Configuration);
        builder.Host.UseWolverine(opts => ConfigureWolverine(opts, durability, externalRetries, writeGeneratedCode));
        builder.Services.AddSingleton<CommandSender>();
        // Marten logs every optimistic-concurrency conflict at Error; they are expected and retried (CRITTER.md §1).
        builder.Logging.AddFilter("Marten.IDocumentStore", LogLevel.Critical);
        // Wolverine logs each failed attempt of a command under the command's type name, stack
        // trace included; for commands the failure also reaches the caller (CommandSender), so a
        // retried conflict is not an error worth a log line per attempt.
        builder.Logging.AddFilter("Cabinets.Domain", LogLevel.Critical);
    }

    /// <summary>The data source's connection settings: the fast path of CRITTER.md §2 (also used by bench/EventStore.Bench).</summary>
    public static string DataSourceConnectionString(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString)
    {
        KeepAlive = 10,
        MaxPoolSize = 200,
        MaxAutoPrepare = 50,
        AutoPrepareMinUsages = 2,
        NoResetOnClose = true,
        // A leaked idle transaction would hold every async projection at its gap (ADR-0015).
        Options = "-c idle_in_transaction_session_timeout=60000",
    }.ConnectionString;

    /// <summary>The store's options, less the connection (also used by bench/EventStore.Bench).</summary>
    public static void ConfigureMarten(StoreOptions opts)
    {
        opts.Events.StreamIdentity = StreamIdentity.AsString;
        opts.Events.MetadataConfig.EnableAll();
        opts.Events.MetadataConfig.UserNameEnabled = true; // the actor (ADR-0014); not part of EnableAll here
        opts.Events.AppendMode = EventAppendMode.Quick;
        opts.Projections.UseIdentityMapForAggregates = true;
        // A projection that cannot apply an event stops there (visible as STOPPED in `projections`)
        // instead of skipping it and serving a read model that is silently wrong.
        opts.Projections.Errors.SkipApplyErrors = false;
        foreach (var (type, name) in StoredEventNames.All) opts.Events.MapEventType(type, name);

        opts.Projections.Add<CabinetSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<AdminUserSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<Projections.Access.RoleDefinitions.RoleSnapshotProjection>(ProjectionLifecycle.Inline);
        // Parcels (ADR-0021): the firmware's look-ups (order number or code hash within a bank) and the console's filters.
        opts.Projections.Add<ParcelSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<ParcelSnapshot>()
            .Index(x => x.SerialNumber)
            .Index(x => x.CodeHash)
            .Index(x => x.RecipientSubject)
            .Index(x => x.OrderNumber)
            .Index(x => x.PartnerId)
            .Index(x => x.BookedAt);
        opts.Storage.ExtendedSchemaObjects.AddRange(Lockers.Parcels.ParcelTables.All());
        opts.Projections.Add(new LockerIncidentsProjection(), ProjectionLifecycle.Inline);
        opts.Schema.For<DoorAnomaly>().Index(x => x.SerialNumber);
        opts.Schema.For<DoorAnomalyResolution>().Index(x => x.SerialNumber);
        opts.Schema.For<DoorFaultRecord>().Index(x => x.SerialNumber);
        // Partners (ADR-0023): the IBS `code` is found by its keyed hash; nonces, idempotency keys and the server key have their tables.
        opts.Projections.Add<PartnerSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<PartnerSnapshot>().Index(x => x.AuthCodeHash);
        opts.Storage.ExtendedSchemaObjects.AddRange(Lockers.Partners.PartnersModule.SchemaObjects());
        opts.Projections.Add(new FreeDoorProjection(), ProjectionLifecycle.Async, FreeDoorProjection.ProjectionName);
        opts.Storage.ExtendedSchemaObjects.AddRange(FreeDoorTables.For(FreeDoorTables.LiveSchema));

        opts.Schema.For<Access.AdminSession>().Identity(s => s.Id).Index(s => s.Username);
        opts.Storage.ExtendedSchemaObjects.AddRange(Access.AccessTables.All()); // login failures (ADR-0026)

        // Stations (ADR-0019): inline views the REST and GraphQL surfaces read, and the V1 order
        // events of the system before `is_set_tax`, read as V2 without rewriting a stored row.
        opts.Projections.Add<StationTaxRulesSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<StationOrderSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<StationMerchantSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<StationSkuSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<StationPrintSequenceSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Events.Upcast<StationOrderEventsV1.StationOrderCreated, StationOrderCreated>($"{StationOrderEventNames.CreatedName}.v1", StationOrderEventsV1.Upcast);
        opts.Events.Upcast<StationOrderEventsV1.StationOrderEdited, StationOrderEdited>($"{StationOrderEventNames.EditedName}.v1", StationOrderEventsV1.Upcast);
        opts.Schema.For<StationOrderSnapshot>().Index(x => x.StationId).Index(x => x.CreatedAt);
        opts.Schema.For<StationMerchantSnapshot>().Index(x => x.StationId);
        opts.Schema.For<StationSkuSnapshot>().Index(x => x.StationId);
        opts.Storage.ExtendedSchemaObjects.AddRange(Stations.StationsModule.SchemaObjects());
        opts.Projections.Add(new StationOrderLinesProjection(), ProjectionLifecycle.Async, StationOrderLinesProjection.ProjectionName);
        opts.Storage.ExtendedSchemaObjects.AddRange(StationOrderLineTables.All);
        // Vending statistics (VENDING.md §2.12): flat, already-summed tables; a rebuild empties them first.
        opts.Projections.Add(new Projections.Vending.Statistics.VendingStatisticsProjection(), ProjectionLifecycle.Async,
            Projections.Vending.Statistics.VendingStatisticsProjection.ProjectionName,
            a => { foreach (var table in Projections.Vending.Statistics.VendingStatisticsTables.Names) a.DeleteDataInTableOnTeardown(table); });
        opts.Storage.ExtendedSchemaObjects.AddRange(Projections.Vending.Statistics.VendingStatisticsTables.All);
        opts.Storage.ExtendedSchemaObjects.AddRange(PersonalData.PersonalDataVault.Tables());
    }

    /// <summary>`Wolverine__ExternalRetrySeconds`, e.g. `15,30,60`: the cooldowns before each retry of an outside push.</summary>
    internal static TimeSpan[] ExternalRetrySchedule(IConfiguration config) => (config["Wolverine:ExternalRetrySeconds"] ?? "15,30,60")
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(s => TimeSpan.FromSeconds(double.Parse(s, System.Globalization.CultureInfo.InvariantCulture))).ToArray();

    private static void ConfigureWolverine(WolverineOptions opts, DurabilityMode durability, TimeSpan[] externalRetries, bool writeGeneratedCode)
    {
        opts.ServiceName = "cabinets";
        opts.Durability.Mode = durability;
        // Node failover inside 10 s (ADR-0016): heartbeats every second, a node silent for 4 s is
        // stale and the leader moves its agents (async projections among them) to a live node.
        opts.Durability.FirstHealthCheckExecution = 200.Milliseconds();
        opts.Durability.HealthCheckPollingTime = 1.Seconds();
        opts.Durability.StaleNodeTimeout = 4.Seconds();
        opts.Durability.CheckAssignmentPeriod = 2.Seconds();
        opts.Policies.AutoApplyTransactions();
        opts.Policies.UseDurableLocalQueues();
        opts.Policies.UseDurableOutboxOnAllSendingEndpoints();
        // A same-stream race is normal under load: reload and decide again (CRITTER.md §2).
        opts.OnException<ConcurrencyException>().RetryWithCooldown(10.Milliseconds(), 25.Milliseconds(), 50.Milliseconds(), 100.Milliseconds());
        // Pushes to vendors and the ERP: 15 s, 30 s, 60 s, then the dead-letter queue an admin replays from.
        opts.OnException<ExternalServiceException>().RetryWithCooldown(externalRetries).Then.MoveToErrorQueue();
        opts.Policies.Add(new FluentValidationPolicy(FluentValidationPolicy.ValidatorsIn(typeof(CritterStackSetup).Assembly)));
        // Domain commands and the vending and fulfillment modules' own commands (which the handlers complete with look-ups)
        // take their actor and ids from the envelope onto the session.
        opts.Policies.AddMiddleware(typeof(CommandHeaders), chain => chain.MessageType.Namespace is { } ns
            && (ns.StartsWith("Cabinets.Domain", StringComparison.Ordinal) || ns is "Cabinets.Api.Vending.Handlers" or "Cabinets.Api.Fulfillment.Handlers"));
        opts.Policies.AddMiddleware(typeof(Observability.CorrelationLogScope));
        // Handlers load from the code pre-generated in Internal/Generated (no Roslyn on the first
        // frame); anything without it (test handlers) compiles at run time. Regenerate after a
        // handler or policy change: delete the folder, run once with Wolverine__WriteGeneratedCode=true.
        opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Auto;
        opts.CodeGeneration.SourceCodeWritingEnabled = writeGeneratedCode;
        opts.UseRuntimeCompilation();
    }
}
