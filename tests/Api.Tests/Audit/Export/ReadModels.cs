using Npgsql;

namespace Cabinets.Api.Tests.Audit.Export;

/// <summary>
/// Every event-built table of a database as text, table by table: the free-door model (rm.*),
/// the station lines (stations.station_*), every inline snapshot document (id and body; not
/// Marten's per-write version and time), and the events and streams themselves.
/// </summary>
internal static class ReadModels
{
    /// <summary>Not built from events: sign-in tokens and Wolverine's envelopes.</summary>
    private static readonly string[] NotFromEvents = ["mt_doc_adminsession", "mt_doc_envelope", "mt_doc_deadletterevent"];

    public static async Task<SortedDictionary<string, string>> ReadAsync(string connectionString)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        var tables = new List<(string Name, string Sql)>
        {
            ("mt_events", """
                select seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, causation_id, headers, user_name, is_archived
                  from mt_events t order by seq_id
                """),
            ("mt_streams", "select id, type, version, tenant_id, is_archived from mt_streams t order by id"),
        };
        await using (var cmd = db.CreateCommand("""
            select table_schema, table_name from information_schema.tables
             where (table_schema = 'rm' or (table_schema = 'stations' and table_name like 'station\_%') or (table_schema = 'public' and table_name like 'mt\_doc\_%'))
               and table_type = 'BASE TABLE'
             order by 1, 2
            """))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync())
            {
                var (schema, table) = (r.GetString(0), r.GetString(1));
                if (NotFromEvents.Contains(table)) continue;
                tables.Add(($"{schema}.{table}", schema == "public"
                    ? $"select id, data from {table} t order by id"
                    : $"select * from {schema}.{table} t order by to_jsonb(t)::text"));
            }

        var contents = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, sql) in tables)
        {
            await using var cmd = db.CreateCommand($"select coalesce(jsonb_agg(to_jsonb(x)), '[]')::text from ({sql}) x");
            contents[name] = (string)(await cmd.ExecuteScalarAsync())!;
        }
        return contents;
    }
}
