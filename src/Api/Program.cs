using Cabinets.Api.Access;
using Cabinets.Api.GraphQL;
using Cabinets.Api.Health;
using Cabinets.Api.Hosting;
using Cabinets.Api.Lockers;
using Cabinets.Api.Lockers.Ibs;
using Cabinets.Api.Operations;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
    builder.WebHost.UseUrls("http://127.0.0.1:5080"); // API-CONTRACT.md, Running
await builder.AddEventStoreAsync();
builder.AddPlatform()
    .AddAccess(builder.Configuration)
    .AddLockers(builder.Configuration)
    .AddOperations();
builder.Services.AddSingleton<ProjectionRebuilds>();
builder.Services.AddSingleton<GraphQLModule>();

var app = builder.Build();
await app.MigrateAsync();
if (AdminCli.IsInvoked(args)) return await AdminCli.RunAsync(app, args);
await app.BootstrapAdminAsync();
app.UsePlatform();
app.MapHealth();
app.MapAuth();
app.MapIbs();
app.MapGraphQL();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
