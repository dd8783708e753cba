namespace Cabinets.GraphQL;

/// <summary>The stable <c>extensions.code</c> values this engine writes (ADR-0008 lists the limits).</summary>
public static class ErrorCodes
{
    public const string SyntaxError = "GRAPHQL_PARSE_FAILED";
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string OperationNotFound = "OPERATION_RESOLUTION_FAILURE";
    public const string MaxTokensExceeded = "MAX_TOKENS_EXCEEDED";
    public const string MaxDepthExceeded = "MAX_DEPTH_EXCEEDED";
    public const string MaxFieldsExceeded = "MAX_FIELDS_EXCEEDED";
    public const string MaxAliasesExceeded = "MAX_ALIASES_EXCEEDED";
    public const string MaxCostExceeded = "MAX_COST_EXCEEDED";
    public const string Timeout = "TIMEOUT";
    public const string Forbidden = "FORBIDDEN";
    public const string IntrospectionDisabled = "INTROSPECTION_DISABLED";
    public const string InternalError = "INTERNAL_SERVER_ERROR";
}
