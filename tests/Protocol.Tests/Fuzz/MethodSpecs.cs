using static Cabinets.Protocol.Tests.Fuzz.Gen;

namespace Cabinets.Protocol.Tests.Fuzz;

/// <summary>One field of a method as the fuzzer sees it: how to make a valid and an invalid value.</summary>
internal sealed record FieldSpec(string Name, bool Required, Func<Random, string> Valid, Func<Random, string> Invalid);

/// <summary>
/// The fields of the 13 methods (IBS-PROTOCOL.md §7) with generators that follow §6. Written
/// independently of the codec's readers, so the fuzz test checks the rules rather than repeats them.
/// </summary>
internal static class MethodSpecs
{
    private static readonly string[] Sizes = ["L", "M", "S", "大", "中", "小", "large", "Medium", "SMALL", ""];
    private static readonly string[] Properties = ["insulated", "保温", "Vertical", "竖", ""];

    public static readonly (string Method, FieldSpec[] Fields)[] All =
    [
        (IbsMethods.InsertLockerInfo, [TextReq("type", 64), new("locker_info", true, Bank, r => r.Pick("\"x\"", "[]", "{}", "[1]", "null"))]),
        (IbsMethods.InsertSingleInfo, [SerialReq("series_number"), new("single_code", true, RegCode, BadRegCode)]),
        (IbsMethods.InsertSingleStatus, [SerialReq("series_number"), new("single_code", true, r => $"\"{r.Next(1, 1000)},{r.Next(2)}\"", BadStatusCode)]),
        (IbsMethods.CountLockerNum, [.. Address(), Size(), Property()]),
        (IbsMethods.ApplyService, [.. Address(), OrderNum("order_num"), TextReq("name", 64), Phone(), Size(), Property(), TextReq("code", 128)]),
        (IbsMethods.GetIbsAddress, [TextReq("code", 128)]),
        (IbsMethods.VerifyOrderNum, [OrderNum("order_num"), new("record_num", false, r => $"\"{Digits(r, 4)}\"", r => r.Pick("\"123\"", "\"12345\"", "\"abcd\"", "1234")), SerialReq("series_num")]),
        (IbsMethods.RecieveVerifyNum, [VerifyNum(), SerialReq("series_num"), OrderNum("order_num"), DoorOpt("single_code")]),
        (IbsMethods.SynchronizeOrderInfo, [SerialReq("series_number")]),
        (IbsMethods.TakeByVerifyNum, [VerifyNum(), SerialOpt("series_num")]),
        (IbsMethods.LockerException, [new("category", true, r => r.Pick("\"M\"", "\"S\""), r => r.Pick("\"X\"", "1", "\"\"", "\"主\"")), SerialReq("main_series_number"), SerialOpt("deputy_series_number"), Status("status", 4), TextOpt("description", 1024)]),
        (IbsMethods.SingleException, [SerialReq("series_number"), DoorReq("name"), Status("single_status", 3), Status("use_status", 3)]),
        (IbsMethods.SingleRepair, [SerialReq("series_number"), DoorReq("name"), Status("single_status", 4)]),
    ];

    private static FieldSpec TextReq(string name, int max) =>
        new(name, true, r => Str(r, Text(r, max)), r => r.Pick("\"\"", "\"   \"", "5", "true", "[]", "{}", "\"a\\u0001b\"", Long(r, max)));

    private static FieldSpec TextOpt(string name, int max) =>
        new(name, false, r => r.Chance(0.2) ? "\"\"" : Str(r, Text(r, max)), r => r.Pick("5", "true", "[]", "\"\\u0007\"", Long(r, max)));

    private static FieldSpec SerialReq(string name) =>
        new(name, true, r => $"\"{Serial(r)}\"", r => r.Pick("\"\"", "\"a b\"", "\"IBS/1\"", "\"序列\"", $"\"{new string('S', 33)}\"", "123", "true", "{}"));

    private static FieldSpec SerialOpt(string name) =>
        new(name, false, r => r.Chance(0.2) ? "\"\"" : $"\"{Serial(r)}\"", r => r.Pick("\"a b\"", "\"IBS/1\"", "\"序列\"", $"\"{new string('S', 33)}\"", "123", "false"));

    private static FieldSpec OrderNum(string name) =>
        new(name, true, r => $"\"{Digits(r, r.Pick(10, 16))}\"", r => r.Pick("\"123456789\"", "\"12345678901\"", "\"123456789012345\"", "\"12345678901234567\"", "\"12345abcde\"", "1234567890", "\"\""));

    private static FieldSpec VerifyNum() =>
        new("verify_num", true, r => $"\"{Digits(r, 6)}\"", r => r.Pick("\"12345\"", "\"1234567\"", "\"12a456\"", "123456", "\"\""));

    private static FieldSpec Phone() =>
        new("receive_phone", true, r => $"\"1{Digits(r, 10)}\"", r => r.Pick("\"23800138000\"", "\"1380013800\"", "\"138001380001\"", "13800138000", "\"1380013800a\"", "\"\""));

    private static FieldSpec DoorReq(string name) =>
        new(name, true, Door, r => r.Pick("\"0\"", "\"1000\"", "\"a\"", "-1", "true", "2.5", "\"1,2\"", "0", "1000", "\"\""));

    private static FieldSpec DoorOpt(string name) =>
        new(name, false, Door, r => r.Pick("\"0\"", "\"1000\"", "\"a\"", "-1", "true", "2.5", "\"1,2\""));

    private static FieldSpec Status(string name, int value) =>
        new(name, true, r => r.Chance(0.5) ? $"{value}" : $"\"{value}\"", r => r.Pick($"{(value + 1) % 10}", "\"x\"", "44", "true", "null", "\"4(异常)\""));

    private static FieldSpec Size() =>
        new("locker_size", false, r => Str(r, r.Pick(Sizes)), r => r.Pick("\"XL\"", "3", "\"big\""));

    private static FieldSpec Property() =>
        new("property_name", false, r => Str(r, r.Pick(Properties)), r => r.Pick("\"hot\"", "false"));

    private static FieldSpec[] Address() =>
        [TextOpt("province", 64), TextOpt("city", 64), TextOpt("area", 64), TextOpt("street", 64), TextOpt("palce", 64)];

    private static string RegCode(Random r) => $"\"{r.Next(8)},{r.Next(1, 1000)},{Attributes(r)}\"";

    private static string BadRegCode(Random r) => r.Pick(
        "\"8,24,72\"", "\"7,0,72\"", "\"7,1000,72\"", "\"7,24,0\"", "\"7,24,96\"", "\"7,24,73\"", "\"7,24,256\"",
        "\"7,24\"", "\"7,24,72,\"", "\" 7,24,72\"", "\"a,b,c\"", "72", "\"\"");

    private static string BadStatusCode(Random r) => r.Pick("\"24\"", "\"24,2\"", "\"0,1\"", "\"1000,1\"", "\"24,1,\"", "\"24, 1\"", "241", "\"\"");

    private static string Bank(Random r)
    {
        var subs = Enumerable.Range(0, r.Next(0, 9)).Select(_ => Object(r, [("category", "\"S\""), ("create_date", Date(r)), ("series_number", "\"\"")])).ToList();
        subs.Insert(r.Next(subs.Count + 1), Object(r, [("category", r.Pick("\"M\"", "\"m\"")), ("create_date", Date(r)), ("series_number", $"\"{Serial(r)}\"")]));
        return "[" + string.Join(',', subs) + "]";
    }
}
