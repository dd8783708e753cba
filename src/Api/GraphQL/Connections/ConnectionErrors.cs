using Cabinets.GraphQL;

namespace Cabinets.Api.GraphQL.Connections;

/// <summary>
/// Client mistakes in paging, filter or order arguments. The executor adds the response path and
/// location; <c>extensions.argumentPath</c> points into the argument (e.g. <c>["where","or",1,"city","in"]</c>).
/// </summary>
internal static class ConnectionErrors
{
    public static GraphQLException BadInput(string message, IEnumerable<object> argumentPath) =>
        new(new GraphQLError(message, code: ErrorCodes.BadUserInput,
            extensions: new Dictionary<string, object?> { ["argumentPath"] = argumentPath.ToArray() }));

    public static GraphQLException BadInput(string message, params object[] argumentPath) =>
        BadInput(message, (IEnumerable<object>)argumentPath);
}
