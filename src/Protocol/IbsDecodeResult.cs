using Cabinets.Protocol.Requests;

namespace Cabinets.Protocol;

/// <summary>
/// What <see cref="IbsCodec.Decode"/> made of a frame: <see cref="IbsDecoded"/> or
/// <see cref="IbsRejected"/>. Either way <see cref="Method"/> is the name to answer with (§5).
/// </summary>
public abstract record IbsDecodeResult
{
    private protected IbsDecodeResult(string method)
    {
        Method = method;
    }

    /// <summary>The request's method, or <see cref="IbsMethods.Error"/> when none could be read.</summary>
    public string Method { get; }
}

/// <summary>A valid request. Every item passed validation (§4).</summary>
public sealed record IbsDecoded : IbsDecodeResult
{
    internal IbsDecoded(IbsRequest request, string fingerprint)
        : base(request.Method)
    {
        Request = request;
        Fingerprint = fingerprint;
    }

    public IbsRequest Request { get; }

    /// <summary>
    /// Hex SHA-256 of the method and the decrypted param. A firmware retry repeats the frame, so it
    /// has the same fingerprint; the server keys idempotency on (serial, method, fingerprint) (ADR 0006).
    /// </summary>
    public string Fingerprint { get; }
}

/// <summary>A refused frame; answer it with <c>IbsResponse.Failure(Error)</c>.</summary>
public sealed record IbsRejected : IbsDecodeResult
{
    internal IbsRejected(string method, IbsError error)
        : base(method)
    {
        Error = error;
    }

    public IbsError Error { get; }
}
