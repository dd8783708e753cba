using Cabinets.Protocol.Json;
using Newtonsoft.Json.Linq;

namespace Cabinets.Protocol.Requests;

/// <summary>
/// Method name → item reader. The only place that lists the methods of IBS-PROTOCOL.md §7; an
/// unknown name is 1005. Looked up by the frame's bytes, so a known method costs no allocation.
/// </summary>
internal static class RequestTable
{
    private delegate IbsError? Parser(IReadOnlyList<JObject> items, out IbsRequest? request);

    private static readonly Dictionary<string, Parser> Parsers = new(StringComparer.Ordinal)
    {
        [IbsMethods.InsertLockerInfo] = Batch(InsertLockerInfoRequest.ReadItem, items => new InsertLockerInfoRequest(items)),
        [IbsMethods.InsertSingleInfo] = Batch(InsertSingleInfoRequest.ReadItem, items => new InsertSingleInfoRequest(items)),
        [IbsMethods.InsertSingleStatus] = Batch(InsertSingleStatusRequest.ReadItem, items => new InsertSingleStatusRequest(items)),
        [IbsMethods.CountLockerNum] = Batch(CountLockerNumRequest.ReadItem, items => new CountLockerNumRequest(items)),
        [IbsMethods.ApplyService] = Batch(ApplyServiceRequest.ReadItem, items => new ApplyServiceRequest(items)),
        [IbsMethods.GetIbsAddress] = Batch(GetIbsAddressRequest.ReadItem, items => new GetIbsAddressRequest(items)),
        [IbsMethods.VerifyOrderNum] = Batch(VerifyOrderNumRequest.ReadItem, items => new VerifyOrderNumRequest(items)),
        [IbsMethods.RecieveVerifyNum] = Batch(RecieveVerifyNumRequest.ReadItem, items => new RecieveVerifyNumRequest(items)),
        [IbsMethods.SynchronizeOrderInfo] = Batch(SynchronizeOrderInfoRequest.ReadItem, items => new SynchronizeOrderInfoRequest(items)),
        [IbsMethods.TakeByVerifyNum] = Batch(TakeByVerifyNumRequest.ReadItem, items => new TakeByVerifyNumRequest(items)),
        [IbsMethods.LockerException] = Batch(LockerExceptionRequest.ReadItem, items => new LockerExceptionRequest(items)),
        [IbsMethods.SingleException] = Batch(SingleExceptionRequest.ReadItem, items => new SingleExceptionRequest(items)),
        [IbsMethods.SingleRepair] = Batch(SingleRepairRequest.ReadItem, items => new SingleRepairRequest(items)),
    };

    private static readonly Dictionary<string, Parser>.AlternateLookup<ReadOnlySpan<char>> ByChars =
        Parsers.GetAlternateLookup<ReadOnlySpan<char>>();

    public static IReadOnlyCollection<string> Methods => Parsers.Keys;

    /// <summary>Finds a method by its ASCII name; <paramref name="method"/> is the interned name.</summary>
    public static bool TryFind(ReadOnlySpan<byte> asciiName, out string method)
    {
        method = "";
        if (asciiName.Length > 64)
        {
            return false;
        }

        Span<char> chars = stackalloc char[asciiName.Length];
        for (var i = 0; i < asciiName.Length; i++)
        {
            chars[i] = (char)asciiName[i];
        }

        if (ByChars.TryGetValue(chars, out var key, out _))
        {
            method = key;
            return true;
        }

        return false;
    }

    /// <summary>Validates every item (§4); the first invalid one rejects the whole batch with 1006.</summary>
    public static IbsError? TryParse(string method, IReadOnlyList<JObject> items, out IbsRequest? request) =>
        Parsers[method](items, out request);

    private static Parser Batch<TItem>(Func<FieldReader, TItem> readItem, Func<IReadOnlyList<TItem>, IbsRequest> create) =>
        (IReadOnlyList<JObject> items, out IbsRequest? request) =>
        {
            request = null;
            var read = new TItem[items.Count];
            for (var i = 0; i < items.Count; i++)
            {
                var fields = new FieldReader(items[i], i);
                read[i] = readItem(fields);
                if (fields.Error is not null)
                {
                    return fields.Error;
                }
            }

            request = create(read);
            return null;
        };
}
