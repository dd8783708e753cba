using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Cabinets.Api.GraphQL.Connections;

/// <summary>The positional parameters of one statement; every value a client sends goes through here.</summary>
internal sealed class SqlParameters
{
    private readonly List<NpgsqlParameter> _parameters = [];

    public IReadOnlyList<NpgsqlParameter> All => _parameters;

    /// <summary>Adds a typed parameter and returns its placeholder (<c>$3</c>).</summary>
    public string Add(object value, NpgsqlDbType type)
    {
        _parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = type });
        return "$" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
    }
}
