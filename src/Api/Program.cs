using Cabinets.Api.Access;
using Cabinets.Api.Audit;
using Cabinets.Api.Audit.Export;
using Cabinets.Api.Bench;
using Cabinets.Api.Cli;
using Cabinets.Api.Fulfillment;
using Cabinets.Api.GraphQL;
using Cabinets.Api.Health;
using Cabinets.Api.Hosting;
using Cabinets.Api.Lockers;
using Cabinets.Api.Lockers.Ibs;
using Cabinets.Api.Lockers.Partners;
using Cabinets.Api.Lockers.Sms;
using Cabinets.Api.Observability;
using Cabinets.Api.Operations;
using Cabinets.Api.Stations;
using Cabinets.Api.Vending;

var builder = WebApplication.CreateBuilder(args);
if (CliHost.IsInvoked(args)) CliHost.Configure(builder); // the CLI serves nothing
else if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
    builder.WebHost.UseUrls("http://127.0.0.1:5080"); // API-CONTRACT.md, Running
await builder.AddCritterStackAsync();
builder.AddPlatform();
builder.Services.AddAccess(builder.Configuration).AddLockers(builder.Configuration).AddPartners(builder.Configuration).AddOperations().AddStations(builder.Configuration);
builder.Services.AddSms(builder.Configuration, builder.Environment);
builder.Services.AddVending(builder.Configuration, builder.Environment);
builder.Services.AddFulfillment();
builder.Services.AddAudit();
builder.Services.AddAuditExport();
builder.Services.AddSingleton<GraphQLModule>().AddSingleton<StartupGate>();
if (!CliHost.IsInvoked(args)) builder.Services.AddHostedService<AdminBootstrap>(); // an import needs an empty store

var app = builder.Build();
app.UsePlatform();
app.MapHealth();
app.MapMetrics();
app.MapAuth();
app.MapIbs();
app.MapPartners();
app.MapGraphQL();
app.MapStations();
app.MapVending();
app.MapFulfillment();
app.MapAuditExport();
app.MapBenchBaseline(app.Configuration);
if (CliHost.IsInvoked(args)) return await CliHost.RunAsync(app, args); // Marten applies its schema, Wolverine starts, then the verb runs
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to Alba's <c>AlbaHost.For&lt;Program&gt;</c> in the tests.</summary>
public partial class Program;
