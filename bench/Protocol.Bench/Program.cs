using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Cabinets.Protocol;
using Cabinets.Protocol.Bench;

// Usage: dotnet run -c Release --project bench/Protocol.Bench [-- --short]
if (new CodecBenchmarks().DecodeStatus() is not IbsDecoded)
{
    throw new InvalidOperationException("The benchmark frame must decode: the codec or the vector changed.");
}

// In-process toolchain: no generated project to build (it would inherit TreatWarningsAsErrors).
var job = (args.Contains("--short") ? Job.ShortRun : Job.Default).WithToolchain(InProcessEmitToolchain.Instance);
var config = ManualConfig.Create(DefaultConfig.Instance).AddJob(job);
var summary = BenchmarkRunner.Run<CodecBenchmarks>(config);

Console.WriteLine();
Console.WriteLine($"IBS codec, one thread ({Environment.ProcessorCount} logical cores on this machine):");
foreach (var report in summary.Reports)
{
    if (report.ResultStatistics is { } stats)
    {
        var perSecond = 1e9 / stats.Mean;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo,-36} {stats.Mean / 1000,9:F2} µs  {perSecond,12:N0} frames/s per core"));
    }
}
