using System.Collections.Frozen;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Cabinets.Api.Commands;
using Cabinets.Protocol;

namespace Cabinets.Api.Observability;

/// <summary>
/// The Api's own instruments, in the meter <see cref="MeterName"/> (ADR-0027). Every label comes
/// from a closed set (a command's CLR type name, an IBS method of the protocol, an answer code),
/// never from request data: a label value is kept for the process's lifetime and is visible to
/// anyone who reads `/metrics`.
/// </summary>
public sealed class ApiMetrics
{
    public const string MeterName = "Cabinets.Api";

    private static readonly FrozenSet<string> KnownIbsMethods = new[]
    {
        IbsMethods.InsertLockerInfo, IbsMethods.InsertSingleInfo, IbsMethods.InsertSingleStatus, IbsMethods.CountLockerNum,
        IbsMethods.ApplyService, IbsMethods.GetIbsAddress, IbsMethods.VerifyOrderNum, IbsMethods.RecieveVerifyNum,
        IbsMethods.SynchronizeOrderInfo, IbsMethods.TakeByVerifyNum, IbsMethods.LockerException, IbsMethods.SingleException,
        IbsMethods.SingleRepair, IbsMethods.Error,
    }.ToFrozenSet(StringComparer.Ordinal);

    private readonly Counter<long> commands;
    private readonly Counter<long> ibsFrames;

    public ApiMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        commands = Meter.CreateCounter<long>("cabinets.commands", "{command}", "Commands sent to their handlers, by command type and outcome");
        ibsFrames = Meter.CreateCounter<long>("cabinets.ibs.frames", "{frame}", "IBS frames answered, by method and answer code");
    }

    /// <summary>The meter the observable gauges of <see cref="OperationsGauges"/> also live in.</summary>
    public Meter Meter { get; }

    public void Command(object command, string outcome) =>
        commands.Add(1, new TagList { { "command", command.GetType().Name }, { "outcome", outcome } });

    public void Command(object command, CommandOutcome outcome) => Command(command, OutcomeName(outcome));

    /// <summary>A frame and its answer code; a method the protocol does not name counts as `other` (the name is the sender's text).</summary>
    public void IbsFrame(string method, int code) =>
        ibsFrames.Add(1, new TagList { { "method", KnownIbsMethods.Contains(method) ? method : "other" }, { "code", code } });

    public static string OutcomeName(CommandOutcome outcome) => outcome switch
    {
        CommandOutcome.Accepted => "accepted",
        CommandOutcome.Rejected => "rejected",
        CommandOutcome.Invalid => "invalid",
        CommandOutcome.Conflict => "conflict",
        _ => throw new UnreachableException(),
    };
}
