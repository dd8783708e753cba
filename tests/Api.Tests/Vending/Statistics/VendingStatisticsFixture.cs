using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cabinets.Api.Tests.Vending.Statistics;

/// <summary>The Api with scenario 17's events appended once and projected by the async daemon, and an admin client.</summary>
public sealed class VendingStatisticsFixture : ApiFixture, IAsyncLifetime
{
    public HttpClient Admin { get; private set; } = null!;

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await ScenarioSeventeenEvents.AppendAsync(Store);
        await CaughtUpAsync();
        Admin = await AdminAsync();
    }

    /// <summary>Every row of every statistics table, ordered, as text: what a replay or a rebuild must leave unchanged.</summary>
    public async Task<IReadOnlyList<string>> AllRowsAsync()
    {
        await using var db = NpgsqlDataSource.Create(ConnectionString);
        var rows = new List<string>();
        foreach (var table in Projections.Vending.Statistics.VendingStatisticsTables.Names)
        {
            await using var cmd = db.CreateCommand($"select t::text from {table} t order by 1");
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows.Add($"{table} {reader.GetString(0)}");
        }
        return rows;
    }
}
