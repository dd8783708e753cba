using Cabinets.GraphQL;
using Cabinets.Messaging.Commands;

namespace Cabinets.Api.GraphQL;

/// <summary>Command outcomes as GraphQL errors: the executor adds path and locations; the code is the domain's.</summary>
internal static class GraphQLCommandErrors
{
    public static void ThrowIfFailed<TAnswer>(CommandResult<TAnswer> result)
    {
        switch (result)
        {
            case CommandResult<TAnswer>.Rejected r:
                throw Error(r.Error.Message, r.Error.Code, r.Error.Field is null ? null : [r.Error.Field]);
            case CommandResult<TAnswer>.Duplicate { Error: { } e }:
                throw Error(e.Message, e.Code, e.Field is null ? null : [e.Field]);
            case CommandResult<TAnswer>.Invalid i:
                throw Error(string.Join("; ", i.Errors.Select(e => $"{e.Field}: {e.Message}")), ErrorCodes.BadUserInput,
                    i.Errors.Select(e => e.Field).Distinct().ToArray());
            case CommandResult<TAnswer>.Conflict:
                throw Error("Too many concurrent changes; try again.", "CONCURRENCY_CONFLICT", null);
        }
    }

    private static GraphQLException Error(string message, string code, string[]? fields) =>
        new(new GraphQLError(message, code: code, extensions: fields is null ? null : new Dictionary<string, object?> { ["fields"] = fields }));
}
