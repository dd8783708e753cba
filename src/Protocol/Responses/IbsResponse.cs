using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cabinets.Protocol.Responses;

/// <summary>
/// The response envelope <c>{"result": …, "code": …, "msg": "…"}</c> (IBS-PROTOCOL.md §5).
/// <c>result</c> is true/false, a count or a list, as the method's result column says (§7);
/// refusals carry <c>result: false</c>.
/// </summary>
public sealed class IbsResponse
{
    // Compact output, and non-ASCII written as UTF-8 rather than \uXXXX: the frame is never embedded
    // in HTML, so the HTML-safe default escaping would only make msg texts longer.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private readonly bool? _flag;
    private readonly long? _count;
    private readonly IReadOnlyList<IbsResultItem>? _items;

    private IbsResponse(bool? flag, long? count, IReadOnlyList<IbsResultItem>? items, IbsErrorCode code, string message)
    {
        _flag = flag;
        _count = count;
        _items = items;
        Code = code;
        Message = message;
    }

    public IbsErrorCode Code { get; }

    public string Message { get; }

    /// <summary>A true/false result with code 0 (commands, verify_order_num, take_by_verify_num…).</summary>
    public static IbsResponse Ok(bool result = true) => new(result, null, null, IbsErrorCode.Ok, "ok");

    /// <summary>A number result with code 0 (count_locker_num).</summary>
    public static IbsResponse Ok(long count) => new(null, count, null, IbsErrorCode.Ok, "ok");

    /// <summary>A list result with code 0 (apply_service, get_ibs_address, synchronize_order_info).</summary>
    public static IbsResponse Ok(IReadOnlyList<IbsResultItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new(null, null, items, IbsErrorCode.Ok, "ok");
    }

    /// <summary>A refusal: <c>result</c> false, the error's code and msg.</summary>
    public static IbsResponse Failure(IbsError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Code == IbsErrorCode.Ok)
        {
            throw new ArgumentException("A failure needs a non-zero code.", nameof(error));
        }

        return new(false, null, null, error.Code, error.Message);
    }

    public static IbsResponse Failure(IbsErrorCode code) => Failure(IbsError.Of(code));

    /// <summary>Writes the envelope as compact JSON, e.g. <c>{"result":true,"code":0,"msg":"ok"}</c> (§8).</summary>
    internal void WriteJson(IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        writer.WritePropertyName("result"u8);
        if (_items is not null)
        {
            writer.WriteStartArray();
            foreach (var item in _items)
            {
                item.Write(writer);
            }

            writer.WriteEndArray();
        }
        else if (_count is { } count)
        {
            writer.WriteNumberValue(count);
        }
        else
        {
            writer.WriteBooleanValue(_flag ?? false);
        }

        writer.WriteNumber("code"u8, (int)Code);
        writer.WriteString("msg"u8, Message);
        writer.WriteEndObject();
    }

    public override string ToString() => $"{(int)Code} {Message}";
}
