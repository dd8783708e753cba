using Cabinets.Api.Lockers.GraphQL;
using Cabinets.Api.Operations;
using Cabinets.Api.Stations.GraphQL;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;

namespace Cabinets.Api.GraphQL;

/// <summary>
/// The admin console's schema and its executors. Introspection: on for everyone in Development;
/// elsewhere only for signed-in users, and `GraphQL:Introspection=false` switches it off entirely.
/// </summary>
internal sealed class GraphQLModule
{
    public GraphQLModule(IConfiguration config, IHostEnvironment env)
    {
        Schema = BuildSchema();
        var options = new ExecutorOptions
        {
            MaxDepth = config.GetValue("GraphQL:MaxDepth", ExecutorOptions.Default.MaxDepth),
            MaxCost = config.GetValue("GraphQL:MaxCost", ExecutorOptions.Default.MaxCost),
            Timeout = TimeSpan.FromSeconds(config.GetValue("GraphQL:TimeoutSeconds", 30)),
            IncludeExceptionDetails = env.IsDevelopment(),
            Authorize = GraphQLRequestContext.Authorize,
        };
        var introspection = config.GetValue("GraphQL:Introspection", true);
        WithIntrospection = new Executor(Schema, options with { EnableIntrospection = introspection });
        WithoutIntrospection = new Executor(Schema, options with { EnableIntrospection = false });
        AnonymousIntrospection = introspection && env.IsDevelopment();
    }

    public Schema Schema { get; }

    private Executor WithIntrospection { get; }

    private Executor WithoutIntrospection { get; }

    private bool AnonymousIntrospection { get; }

    public Executor ExecutorFor(GraphQLRequestContext request) =>
        request.SignedIn || AnonymousIntrospection ? WithIntrospection : WithoutIntrospection;

    /// <summary>Each module adds its part; the Api's `Program.cs` stays unaware of fields.</summary>
    public static Schema BuildSchema()
    {
        var builder = new SchemaBuilder().Description("Operations backend for smart parcel lockers and vending cabinets.");
        LockersSchema.Add(builder);
        PartnersSchema.Add(builder);
        OperationsSchema.Add(builder);
        StationSchema.Add(builder);
        Audit.AuditSchema.Add(builder);
        Lockers.Sms.SmsSchema.Add(builder);
        Access.GraphQL.AccessSchema.Add(builder);
        Vending.GraphQL.VendingSchema.Add(builder);
        Fulfillment.GraphQL.FulfillmentSchema.Add(builder);
        return builder.Build();
    }
}
