using System.Text.Json;

namespace Cabinets.Domain.Tests.Fulfillment;

/// <summary>Events as text (type and JSON), to compare events whose records hold lists (record equality compares lists by reference).</summary>
internal static class EventText
{
    public static string Of(params IEnumerable<object> events) => string.Join("\n", events.Select(e => e.GetType().Name + " " + JsonSerializer.Serialize(e, e.GetType())));

    public static void ShouldBeEvents(this IEnumerable<object> actual, params object[] expected) => Of(actual).ShouldBe(Of(expected));
}
