using System.Globalization;

namespace Cabinets.Api.GraphQL;

/// <summary>
/// Reads coerced GraphQL input objects (the engine hands them over as dictionaries: Int as
/// <c>int</c>, Long as <c>long</c>, Decimal as <c>decimal</c>, DateTime as <c>DateTimeOffset</c>,
/// enums as their CLR members, lists as arrays). An optional field left out is absent. Shared by
/// every module's mutations.
/// </summary>
internal static class InputFields
{
    public static IReadOnlyDictionary<string, object?> Obj(object? value) => (IReadOnlyDictionary<string, object?>)value!;

    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> List(this IReadOnlyDictionary<string, object?> input, string name) =>
        input.GetValueOrDefault(name) is object?[] items ? items.Select(Obj).ToList() : [];

    public static string Str(this IReadOnlyDictionary<string, object?> input, string name) => (string)input[name]!;

    public static string? OptStr(this IReadOnlyDictionary<string, object?> input, string name) => input.GetValueOrDefault(name) as string;

    public static int Int(this IReadOnlyDictionary<string, object?> input, string name) => Convert.ToInt32(input[name], CultureInfo.InvariantCulture);

    public static int? OptInt(this IReadOnlyDictionary<string, object?> input, string name) =>
        input.GetValueOrDefault(name) is { } v ? Convert.ToInt32(v, CultureInfo.InvariantCulture) : null;

    public static long Long(this IReadOnlyDictionary<string, object?> input, string name) => Convert.ToInt64(input[name], CultureInfo.InvariantCulture);

    public static long? OptLong(this IReadOnlyDictionary<string, object?> input, string name) =>
        input.GetValueOrDefault(name) is { } v ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : null;

    public static decimal Dec(this IReadOnlyDictionary<string, object?> input, string name) => Convert.ToDecimal(input[name], CultureInfo.InvariantCulture);

    public static bool Bool(this IReadOnlyDictionary<string, object?> input, string name) => (bool)input[name]!;

    public static DateTimeOffset Time(this IReadOnlyDictionary<string, object?> input, string name) => (DateTimeOffset)input[name]!;

    public static T? OptEnum<T>(this IReadOnlyDictionary<string, object?> input, string name) where T : struct, Enum =>
        input.GetValueOrDefault(name) is T value ? value : null;
}
