using System.Globalization;
using Npgsql;

namespace Cabinets.Api.Audit.Export;

/// <summary>
/// Which events an export takes (ADR-0028): global positions from/to (both inclusive), event
/// time from (inclusive) to (exclusive), a stream type (Marten's `mt_streams.type`, e.g.
/// `cabinet_snapshot`, or a stream-key prefix such as `cabinet` or `station-order`) and one stream.
/// </summary>
public sealed record ExportFilter(
    long? FromSeq = null, long? ToSeq = null, DateTimeOffset? From = null, DateTimeOffset? To = null, string? StreamType = null, string? Stream = null)
{
    /// <summary>The filter's conditions on `e` (mt_events) and `s` (mt_streams), parameters from $3 on ($1, $2 are the keyset bounds).</summary>
    internal (string Sql, List<NpgsqlParameter> Parameters) Conditions()
    {
        var sql = new List<string>();
        var parameters = new List<NpgsqlParameter>();
        string Next(object value)
        {
            parameters.Add(new NpgsqlParameter { Value = value });
            return "$" + (parameters.Count + 2).ToString(CultureInfo.InvariantCulture);
        }
        // Npgsql 10 sends timestamptz only for UTC values.
        if (From is { } from) sql.Add($"e.timestamp >= {Next(from.ToUniversalTime())}");
        if (To is { } to) sql.Add($"e.timestamp < {Next(to.ToUniversalTime())}");
        if (StreamType is { } type)
        {
            var p = Next(type);
            sql.Add($"(s.type = {p} or left(e.stream_id, length({p}) + 1) = {p} || '-')");
        }
        if (Stream is { } stream) sql.Add($"e.stream_id = {Next(stream)}");
        return (sql.Count == 0 ? "" : " and " + string.Join(" and ", sql), parameters);
    }

    /// <summary>The HTTP endpoint's query string: `fromSeq`, `toSeq`, `from`, `to` (ISO 8601), `streamType`, `stream`.</summary>
    public static bool TryParse(IQueryCollection query, out ExportFilter filter, out string? error)
    {
        string? problem = null;
        long? Long(string name)
        {
            var raw = query[name].ToString();
            if (raw.Length == 0) return null;
            if (long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) return v;
            problem ??= $"{name} must be a non-negative integer";
            return null;
        }
        DateTimeOffset? Time(string name)
        {
            var raw = query[name].ToString();
            if (raw.Length == 0) return null;
            if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var v)) return v.ToUniversalTime();
            problem ??= $"{name} must be an ISO 8601 time";
            return null;
        }
        string? Text(string name) => query[name].ToString() is { Length: > 0 } s ? s : null;
        filter = new ExportFilter(Long("fromSeq"), Long("toSeq"), Time("from"), Time("to"), Text("streamType"), Text("stream"));
        error = problem;
        return problem is null;
    }
}
