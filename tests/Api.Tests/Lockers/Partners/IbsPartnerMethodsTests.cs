using Cabinets.Api.Tests.Lockers.Parcels;

namespace Cabinets.Api.Tests.Lockers.Partners;

/// <summary>`apply_service` and `get_ibs_address` over the real IBS endpoint, authorized by the partner's code.</summary>
public sealed class IbsPartnerMethodsTests(PartnersFixture api) : IClassFixture<PartnersFixture>
{
    private IbsClient Firmware() => new(api.Http());

    private static object Application(string code, string order, string size = "M", string property = "") => new
    {
        province = "广东省", city = "深圳市", area = "南山区", street = "", palce = "科技园",
        order_num = order, name = "李四", receive_phone = "13700001111", locker_size = size, property_name = property, code,
    };

    [Fact]
    public async Task a_partner_books_over_ibs_with_its_code_and_a_repeated_frame_answers_the_same_record()
    {
        await api.BanksAsync();
        var (_, code) = await api.RegisterAsync("顺丰速运 IBS");
        var firmware = Firmware();

        var first = await firmware.SendAsync("apply_service", Application(code, "9990000000000001"));
        first.Code.ShouldBe(0, first.Msg);
        var record = first.Result.EnumerateArray().Single().GetProperty("record_num").GetString()!;
        record.Length.ShouldBe(10);
        var again = await firmware.SendAsync("apply_service", Application(code, "9990000000000001"));
        again.Result.EnumerateArray().Single().GetProperty("record_num").GetString().ShouldBe(record);

        var insulated = await firmware.SendAsync("apply_service", Application(code, "9990000000000002", "M", "保温"));
        insulated.Code.ShouldBe(0, insulated.Msg);
        (await firmware.SendAsync("apply_service", Application(code, "9990000000000003", "M", "保温"))).Code.ShouldBe(2005);
        (await firmware.SendAsync("apply_service", Application("not-a-partner-code", "9990000000000004"))).Code.ShouldBe(2007);
    }

    [Fact]
    public async Task get_ibs_address_lists_the_sites_for_a_known_code_and_refuses_a_disabled_partner()
    {
        await api.BanksAsync();
        var (client, code) = await api.RegisterAsync("圆通 IBS");
        var answer = await Firmware().SendAsync("get_ibs_address", new { code });
        answer.Code.ShouldBe(0);
        answer.Result.EnumerateArray().Select(a => a.GetProperty("palce").GetString()).ShouldContain("科技园");

        await api.GraphQLAsync("mutation($id: ID!) { disablePartner(partnerId: $id) { disabled } }", new { id = client.PartnerId });
        (await Firmware().SendAsync("get_ibs_address", new { code })).Code.ShouldBe(2007);
        (await Firmware().SendAsync("apply_service", Application(code, "9990000000000005"))).Code.ShouldBe(2007);
    }
}
