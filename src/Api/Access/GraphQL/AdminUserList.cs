using System.Text.Json;
using Cabinets.Api.GraphQL.Connections;
using Npgsql;

namespace Cabinets.Api.Access.GraphQL;

/// <summary>An account as the console lists it; never its password hash.</summary>
internal sealed record AdminUserView(string Username, IReadOnlyList<string> Roles, string? StationId, bool Disabled, bool MustChangePassword, DateTimeOffset? LastSignInAt);

/// <summary><c>adminUsers(...)</c>: the account snapshots (Marten's <c>mt_doc_adminusersnapshot</c>, id `admin-user-{username}`) as a connection (ADR-0010).</summary>
internal static class AdminUserList
{
    private const string Username = "substr(d.id, 12)"; // after "admin-user-"
    private const string Disabled = "coalesce((d.data -> 'State' ->> 'Disabled')::boolean, false)";
    private const string MustChange = "coalesce((d.data -> 'State' ->> 'MustChangePassword')::boolean, false)";
    private const string StationId = "(d.data -> 'State' ->> 'StationId')";
    private const string LastSignIn = "public.mt_immutable_timestamptz(d.data -> 'State' ->> 'LastSignIn')";

    public static ConnectionTable<AdminUserView> Table { get; } = new(
        "AdminUser", "AdminUsers", "public.mt_doc_adminusersnapshot d",
        [
            new("username", Username, ColumnType.String),
            new("disabled", Disabled, ColumnType.Boolean),
            new("mustChangePassword", MustChange, ColumnType.Boolean),
            new("stationId", StationId, ColumnType.String) { Nullable = true },
            new("lastSignInAt", LastSignIn, ColumnType.DateTime) { Nullable = true },
        ],
        key: ["username"],
        Read)
    {
        NodeType = "AdminUser",
        Select = [Username, "(d.data -> 'State' -> 'Roles')::text", StationId, Disabled, MustChange, LastSignIn],
    };

    private static AdminUserView Read(NpgsqlDataReader r) => new(r.GetString(0),
        JsonSerializer.Deserialize<string[]>(r.GetString(1)) ?? [], r.IsDBNull(2) ? null : r.GetString(2), r.GetBoolean(3), r.GetBoolean(4),
        r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5));
}
