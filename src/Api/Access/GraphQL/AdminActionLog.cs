using System.Text;
using System.Text.Json;
using Cabinets.Api.GraphQL.Connections;
using Cabinets.Domain.Access.AdminUsers;
using Cabinets.Domain.Access.RoleDefinitions;
using Cabinets.GraphQL;
using Npgsql;

namespace Cabinets.Api.Access.GraphQL;

/// <summary>One event as an audit line: who (Marten's user name and the role and channel headers), what, when, from which request.</summary>
internal sealed record AdminAction(long Position, DateTimeOffset At, string StreamId, string StreamType, long Version, string EventType,
    string? Actor, string? Role, string? Channel, string? CorrelationId, string? CausationId);

/// <summary>The `adminActions` filter; every part optional, all given parts must hold.</summary>
internal sealed record AdminActionFilter(string? Actor, DateTimeOffset? From, DateTimeOffset? To, string? StreamType, string? EventType, string? CorrelationId)
{
    public static AdminActionFilter Of(IReadOnlyDictionary<string, object?>? where) => new(
        where?.GetValueOrDefault("actor") as string, where?.GetValueOrDefault("from") as DateTimeOffset?, where?.GetValueOrDefault("to") as DateTimeOffset?,
        where?.GetValueOrDefault("streamType") as string, where?.GetValueOrDefault("eventType") as string, where?.GetValueOrDefault("correlationId") as string);
}

/// <summary>
/// Reads `mt_events` and its metadata columns newest first, by global position (`seq_id`), in pages
/// of a keyset cursor. Never the event's data: it may hold password hashes or personal data (ADR-0026).
/// The statement has one fixed shape; absent filters are null parameters.
/// </summary>
internal sealed class AdminActionLog(NpgsqlDataSource db)
{
    public const int DefaultSize = PageArgs.DefaultSize;
    public const int MaxSize = PageArgs.MaxSize;
    private const string CursorPrefix = "admin-action:";

    /// <summary>Stream keys are `{type}-{key}` (ADR-0014); the longest known prefix names the type.</summary>
    private static readonly string[] StreamTypes = new[]
    {
        AdminUserEventNames.StreamType, RoleEventNames.StreamType, Domain.Operations.OperatorActions.StreamType,
        Domain.Lockers.Partners.PartnerEventNames.StreamType, Domain.Lockers.Cabinets.CabinetEventNames.StreamType,
        Domain.Lockers.Parcels.ParcelEventNames.StreamType, Domain.Stations.TaxRules.TaxRuleEventNames.StreamType,
        Domain.Stations.Orders.StationOrderEventNames.StreamType,
    }.OrderByDescending(t => t.Length).ToArray();

    private const string Where = """
        where ($1::text is null or e.user_name = $1)
          and ($2::timestamptz is null or e.timestamp >= $2)
          and ($3::timestamptz is null or e.timestamp < $3)
          and ($4::text is null or e.stream_id like $4 escape '\')
          and ($5::text is null or e.type = $5 or e.type like $6 escape '\')
          and ($7::text is null or e.correlation_id = $7)
        """;

    public async Task<Connection<AdminAction>> PageAsync(AdminActionFilter filter, int? first, string? after, CancellationToken ct)
    {
        var size = first ?? DefaultSize;
        if (size is < 0 or > MaxSize) throw BadInput($"\"first\" must be between 0 and {MaxSize}; ask for the next page with a cursor.", "first");
        var afterPosition = after is null ? (long?)null : Decode(after);

        await using var cmd = db.CreateCommand($"""
            select e.seq_id, e.timestamp, e.stream_id, e.version, e.type, e.user_name, e.headers::text, e.correlation_id, e.causation_id
            from public.mt_events e
            {Where}
              and ($8::bigint is null or e.seq_id < $8)
            order by e.seq_id desc
            limit $9
            """);
        AddFilter(cmd, filter);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)afterPosition ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter { Value = size + 1 });
        var rows = new List<AdminAction>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) rows.Add(Read(r));

        var page = rows.Take(size).ToList();
        var edges = page.Select(a => new Edge<AdminAction>(Encode(a.Position), a)).ToList();
        var info = new PageInfo(rows.Count > size, afterPosition is not null, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor);
        return new Connection<AdminAction>(edges, info, null, token => CountAsync(filter, token));
    }

    private async Task<int> CountAsync(AdminActionFilter filter, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"select count(*)::int from public.mt_events e {Where}");
        AddFilter(cmd, filter);
        return (int)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static void AddFilter(NpgsqlCommand cmd, AdminActionFilter f)
    {
        cmd.Parameters.Add(Text(f.Actor));
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)f.From?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)f.To?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(Text(f.StreamType is null ? null : Like(f.StreamType) + "-%"));
        cmd.Parameters.Add(Text(f.EventType));
        cmd.Parameters.Add(Text(f.EventType is null ? null : Like(f.EventType) + ".v%")); // a stored name without its version: every version
        cmd.Parameters.Add(Text(f.CorrelationId));
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };

    private static string Like(string value) => value.Replace(@"\", @"\\", StringComparison.Ordinal)
        .Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    private static AdminAction Read(NpgsqlDataReader r)
    {
        string? role = null, channel = null;
        if (!r.IsDBNull(6) && JsonDocument.Parse(r.GetString(6)).RootElement is { ValueKind: JsonValueKind.Object } headers)
        {
            role = headers.TryGetProperty("role", out var x) && x.ValueKind == JsonValueKind.String ? x.GetString() : null;
            channel = headers.TryGetProperty("channel", out var y) && y.ValueKind == JsonValueKind.String ? y.GetString() : null;
        }
        var streamId = r.GetString(2);
        return new AdminAction(r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), streamId, TypeOf(streamId), r.GetInt64(3), r.GetString(4),
            r.IsDBNull(5) ? null : r.GetString(5), role, channel, r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8));
    }

    private static string TypeOf(string streamId) =>
        StreamTypes.FirstOrDefault(t => streamId.StartsWith(t + "-", StringComparison.Ordinal)) ?? streamId.Split('-')[0];

    private static string Encode(long position) => Convert.ToBase64String(Encoding.UTF8.GetBytes(CursorPrefix + position));

    private static long Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith(CursorPrefix, StringComparison.Ordinal) && long.TryParse(text[CursorPrefix.Length..], out var position)) return position;
        }
        catch (FormatException)
        {
        }
        throw BadInput("\"after\" is not a cursor of adminActions.", "after");
    }

    private static GraphQLException BadInput(string message, string field) =>
        new(new GraphQLError(message, code: ErrorCodes.BadUserInput, extensions: new Dictionary<string, object?> { ["fields"] = new[] { field } }));
}
