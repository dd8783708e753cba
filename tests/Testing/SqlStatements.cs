using System.Diagnostics;
using Npgsql;

namespace Cabinets.Testing;

/// <summary>Records the SQL statements one database ran while an action ran, from Npgsql's activities.</summary>
public static class SqlStatements
{
    public static async Task<(T Result, List<string> Statements)> DuringAsync<T>(string connectionString, Func<Task<T>> act)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        var seen = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                var db = a.GetTagItem("db.namespace") ?? a.GetTagItem("db.name");
                if (Equals(db, database) && (a.GetTagItem("db.query.text") ?? a.GetTagItem("db.statement")) is string sql)
                    lock (seen) seen.Add(sql);
            },
        };
        ActivitySource.AddActivityListener(listener);
        var result = await act();
        lock (seen) return (result, [.. seen]);
    }
}
