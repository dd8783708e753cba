using System.Diagnostics;
using Cabinets.Protocol.Responses;
using Cabinets.Protocol.Tests.Fuzz;
using Xunit.Abstractions;

namespace Cabinets.Protocol.Tests;

/// <summary>
/// Random and mutated frames (seeded, so a failure reproduces): each must get the code its mutation
/// implies, and nothing may throw. IBS-PROTOCOL.md §2-§5.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Cases = 100_000;
    private const int Seed = 20_260_006;

    [Fact]
    public void a_hundred_thousand_random_and_mutated_frames_each_get_the_code_their_mutation_implies()
    {
        var fuzzer = new FrameFuzzer(Seed);
        var splitter = new Random(Seed);
        var kinds = new Dictionary<string, int>();
        var spent = new Dictionary<string, TimeSpan>();
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < Cases; n++)
        {
            var started = clock.Elapsed;
            var @case = fuzzer.Next();
            kinds[@case.Kind] = kinds.GetValueOrDefault(@case.Kind) + 1;
            try
            {
                Check(@case, @case.Codec.Decode(@case.Frame));
                if (n % 20 == 0)
                {
                    Check(@case, ThroughStream(@case, splitter));
                }
            }
            catch (Exception e) when (e is not ShouldAssertException)
            {
                throw new ShouldAssertException($"case {n} (seed {Seed}) threw {e.GetType().Name}: {e.Message}\n{@case}", e);
            }

            spent[@case.Kind] = spent.GetValueOrDefault(@case.Kind) + (clock.Elapsed - started);
        }

        clock.Stop();
        output.WriteLine($"{Cases} cases in {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var (kind, count) in kinds.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{kind,-22} {count,7} {spent[kind].TotalSeconds,6:F2} s");
        }

        kinds.Count.ShouldBe(30);
        kinds.Values.ShouldAllBe(count => count >= 500);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60));
    }

    private static void Check(FuzzCase @case, IbsDecodeResult result)
    {
        var code = result is IbsRejected rejected ? rejected.Error.Code : IbsErrorCode.Ok;
        @case.Expected.ShouldContain(code, $"got {(result as IbsRejected)?.Error.ToString() ?? "ok"} for {@case}");
        if (result is IbsRejected { Error: var error })
        {
            if (@case.MessagePrefix is { } prefix)
            {
                error.Message.ShouldStartWith(prefix, Case.Sensitive, @case.ToString());
            }

            // Every refusal must be answerable.
            @case.Codec.EncodeResponse(result.Method, IbsResponse.Failure(error)).ShouldNotBeEmpty();
        }
        else if (@case.Method is { } method)
        {
            var request = result.ShouldBeOfType<IbsDecoded>().Request;
            request.Method.ShouldBe(method);
            ((System.Collections.ICollection)request.GetType().GetProperty("Items")!.GetValue(request)!).Count.ShouldBe(@case.Items);
        }
    }

    /// <summary>The same frame as a TCP line, in three random pieces, must decode the same (§1).</summary>
    private static IbsDecodeResult ThroughStream(FuzzCase @case, Random r)
    {
        byte[] line = [.. @case.Frame.Where(b => b != (byte)'\n'), (byte)'\n'];
        if (line.Length != @case.Frame.Length + 1 || line.Length > 64 * 1024)
        {
            return @case.Codec.Decode(@case.Frame); // a frame with its own newlines is not one TCP line
        }

        var a = r.Next(line.Length + 1);
        var b = r.Next(a, line.Length + 1);
        var decoder = new IbsStreamDecoder(@case.Codec);
        var results = decoder.Feed(line.AsSpan(0, a)).Concat(decoder.Feed(line.AsSpan(a, b - a))).Concat(decoder.Feed(line.AsSpan(b))).ToList();
        decoder.HasPartialFrame.ShouldBeFalse();
        return results.Count == 0 ? @case.Codec.Decode(@case.Frame) : results.ShouldHaveSingleItem();
    }
}
