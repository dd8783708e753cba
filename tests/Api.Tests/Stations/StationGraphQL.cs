using System.Net.Http.Json;
using System.Text.Json;
using Cabinets.Api.Access;
using Cabinets.Api.Commands;
using Cabinets.Api.Tests.GraphQL;
using Cabinets.Domain.Access.AdminUsers;
using Microsoft.Extensions.DependencyInjection;

namespace Cabinets.Api.Tests.Stations;

/// <summary>The console GraphQL as the station tests speak it: answers that must have no errors, orders made through it, other users.</summary>
internal static class StationGraphQL
{
    public const string OrderFields = "orderId version status payStatus totalPrice totalTax totalPriceWithoutTax hasDeliverySheet " +
        "lines { skuId name quantity unitPrice unitPriceWithoutTax amount isTaxSet taxRate tax amountWithoutTax taxRule { id } }";

    private static int window;

    public static async Task<JsonElement> DataAsync(HttpClient http, string query, object? variables = null)
    {
        var response = await http.PostGraphQLAsync(query, variables);
        response.Errors.ShouldBeEmpty(response.Body.ToString());
        return response.Data;
    }

    /// <summary>An order through <c>createStationOrder</c>, read back whole; each in its own receive window so none merge.</summary>
    public static async Task<JsonElement> OrderAsync(HttpClient http, int addressId, int uid, (string Sku, string Spu, decimal Quantity, long Price) line, string timeConfigId = "GQL")
    {
        var day = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(Interlocked.Increment(ref window));
        var created = await DataAsync(http, """
            mutation($input: CreateStationOrderInput!) { createStationOrder(input: $input) { newOrderIds updateOrderIds successSkuIds errorSkus { skuId message } } }
            """, new
        {
            input = new
            {
                addressId, uid, receiveBeginTime = day, receiveEndTime = day.AddHours(4), timeConfigId,
                lines = new[] { new { skuId = line.Sku, spuId = line.Spu, quantity = line.Quantity, unitPrice = line.Price, isPriceTiming = false } },
            },
        });
        var id = created.GetProperty("createStationOrder").GetProperty("newOrderIds")[0].GetString();
        return (await DataAsync(http, $"query($id: String!) {{ stationOrder(orderId: $id) {{ {OrderFields} }} }}", new { id })).GetProperty("stationOrder");
    }

    /// <summary>A console user made with the CreateAdminUser command, signed in.</summary>
    public static async Task<HttpClient> SignInAsync(StationFixture api, string username, string[] roles, string? stationId)
    {
        const string password = "another long enough password";
        var hasher = api.Services.GetRequiredService<PasswordHasher>();
        (await api.SendAsync(new CreateAdminUser(username, hasher.Hash(password), roles, DateTimeOffset.UtcNow, stationId))).ShouldBeOfType<CommandOutcome.Accepted>();
        var http = api.Http();
        var login = await http.PostAsJsonAsync("/api/auth/login", new { username, password });
        login.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        return http;
    }
}
