using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Cabinets.Protocol;

// Usage: prepare <url> <banks> <doors> <framesFile> | burst <url> <banks> <doors>
var (mode, url, banks, doors) = (args[0], args[1], int.Parse(args[2]), int.Parse(args[3]));
var codec = new IbsCodec();
using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };

byte[] Frame(string method, object payload) => codec.EncodeFrame(method, JsonSerializer.SerializeToUtf8Bytes(payload));

async Task<int> Send(byte[] frame)
{
    using var content = new ByteArrayContent(frame);
    content.Headers.ContentType = new("text/plain");
    using var response = await http.PostAsync("/ibs", content);
    var error = codec.TryOpenFrame(await response.Content.ReadAsByteArrayAsync(), out _, out var json);
    return error is null ? JsonDocument.Parse(json).RootElement.GetProperty("code").GetInt32() : -1;
}

async Task Parallel64(int count, Func<int, Task> work)
{
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, 64).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count) await work(i);
    }));
}

string Serial(int b) => $"{(mode == "burst" ? "BURST" : "LOAD")}{b:D6}";

// prepare registers twice the banks: the second half's frames are the warm-up's, so the measured
// run starts with every door where its own file starts.
var registered = mode == "prepare" ? 2 * banks : banks;

async Task RegisterBanks()
{
    var watch = Stopwatch.StartNew();
    var failures = 0;
    await Parallel64(registered, async b =>
    {
        var serial = Serial(b);
        var bank = new[] { new { type = "快递柜", locker_info = new[] { new { category = "M", create_date = "2026-01-01", series_number = serial } } } };
        var doorItems = Enumerable.Range(1, doors).Select(d => new { series_number = serial, single_code = $"0,{d},{(d % 3 == 0 ? 72 : 32)}" }).ToArray();
        if (await Send(Frame("insert_locker_info", bank)) != 0 | await Send(Frame("insert_single_info", doorItems)) != 0) Interlocked.Increment(ref failures);
    });
    Console.WriteLine($"registered {registered} banks x {doors} doors in {watch.Elapsed.TotalSeconds:F1} s ({failures} failures)");
}

await RegisterBanks();
if (mode == "prepare")
{
    // Door changes, as firmware sends them: every frame flips its door. Each door's frames come in
    // an even number, so the file ends where it started and every pass of wrk's loop flips again.
    // Each line is "<bank> <frame>": every wrk thread sends the frames of its own banks, in order
    // (frames of one door sent close together on different connections may still arrive swapped).
    var random = new Random(5);
    var occupied = new HashSet<(int Bank, int Door)>();
    string Flip(int bank, int door)
    {
        var nowOccupied = occupied.Add((bank, door)) || !occupied.Remove((bank, door));
        var payload = new[] { new { series_number = Serial(bank), single_code = $"{door},{(nowOccupied ? 1 : 0)}" } };
        return $"{bank} {Encoding.ASCII.GetString(Frame("insert_single_status", payload))}"; // frames.lua splits banks between wrk threads
    }
    async Task WriteFrames(int firstBank, string path)
    {
        var lines = new List<string>();
        for (var i = 0; i < 20_000; i++) lines.Add(Flip(firstBank + random.Next(banks), random.Next(1, doors + 1)));
        foreach (var (bank, door) in occupied.ToList()) lines.Add(Flip(bank, door));
        await File.WriteAllLinesAsync(path, lines);
        Console.WriteLine($"wrote {lines.Count} frames to {path}");
    }
    await WriteFrames(0, args[4]);
    await WriteFrames(banks, args[4] + ".warmup");
}
else
{
    // 02:00: every bank sends its full snapshot; about one door in ten differs from the server's view.
    var random = new Random(2);
    var frames = Enumerable.Range(0, banks).Select(b => Frame("insert_single_status", Enumerable.Range(1, doors)
        .Select(d => new { series_number = Serial(b), single_code = $"{d},{(random.Next(10) == 0 ? 1 : 0)}" }).ToArray())).ToArray();
    var latencies = new double[banks];
    var failures = 0;
    var watch = Stopwatch.StartNew();
    await Parallel64(banks, async b =>
    {
        var started = Stopwatch.GetTimestamp();
        if (await Send(frames[b]) != 0) Interlocked.Increment(ref failures);
        latencies[b] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    });
    watch.Stop();
    Array.Sort(latencies);
    Console.WriteLine($"02:00 burst: {banks} snapshots of {doors} doors absorbed in {watch.Elapsed.TotalSeconds:F1} s " +
        $"({banks / watch.Elapsed.TotalSeconds:F0} snapshots/s, {banks * doors / watch.Elapsed.TotalSeconds:F0} door states/s), " +
        $"p50 {latencies[banks / 2]:F1} ms, p99 {latencies[(int)(banks * 0.99)]:F1} ms, {failures} failures");
}
