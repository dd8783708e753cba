using System.Security.Claims;
using Cabinets.Api.Access;
using Cabinets.Api.Commands;
using Cabinets.GraphQL.Execution;

namespace Cabinets.Api.GraphQL;

/// <summary>What resolvers know about the request: who asks, with which permissions, and the services.</summary>
internal sealed class GraphQLRequestContext(ClaimsPrincipal user, IServiceProvider services, string correlationId)
{
    public ClaimsPrincipal User => user;
    public IServiceProvider Services => services;
    public string CorrelationId => correlationId;
    public bool SignedIn => user.Identity?.IsAuthenticated == true;

    /// <summary>The admin as the actor of the commands this request sends (audit).</summary>
    public Actor Actor => new(user.Identity?.Name ?? "anonymous",
        string.Join(',', user.FindAll(ClaimTypes.Role).Select(c => c.Value)), "graphql");

    public bool Has(string permission) => user.HasClaim(BearerTokenAuthentication.PermissionClaim, permission);

    public T Service<T>() where T : notnull => services.GetRequiredService<T>();

    /// <summary>Per field, as the schema declares: every listed permission is needed; signed-in users only.</summary>
    public static bool Authorize(ResolveContext field) => field.UserContext is GraphQLRequestContext request
        && request.SignedIn && field.Field.RequiredPermissions.All(request.Has);

    public static GraphQLRequestContext Of(ResolveContext context) => (GraphQLRequestContext)context.UserContext!;
}
