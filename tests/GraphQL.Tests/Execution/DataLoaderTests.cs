using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Tests.Execution;

public sealed class DataLoaderTests
{
    private sealed record Parent(int Id);

    private sealed class Counter
    {
        public int Batches;
        public List<IReadOnlyList<int>> Keys { get; } = [];
    }

    private static Schema Build(Counter counter, bool asyncBatch) => new SchemaBuilder()
        .Query(q => q.Field("parents", "[Parent!]!", f => f
            .Argument("count", "Int!")
            .Resolve(ctx => Enumerable.Range(1, ctx.Argument<int>("count")).Select(i => new Parent(i)).ToList())))
        .Object<Parent>("Parent", t => t
            .Field("id", "Int!", p => p.Id)
            .Field("child", "Parent!", f => f.ResolveAsync(async ctx =>
            {
                var loader = ctx.DataLoader<int, Parent>("childById", async (keys, cancellationToken) =>
                {
                    Interlocked.Increment(ref counter.Batches);
                    lock (counter.Keys)
                    {
                        counter.Keys.Add(keys);
                    }

                    if (asyncBatch)
                    {
                        await Task.Delay(5, cancellationToken);
                    }

                    return keys.ToDictionary(k => k, k => new Parent(k * 10));
                });
                return await loader.LoadAsync(ctx.Source.Id);
            })))
        .Build();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task n_parents_loading_one_child_each_cause_one_batch_call(bool asyncBatch)
    {
        var counter = new Counter();

        var result = await TestSchema.Run("{ parents(count: 25) { id child { id } } }", schema: Build(counter, asyncBatch));

        result.Errors.ShouldBeEmpty();
        counter.Batches.ShouldBe(1);
        counter.Keys.Single().Count.ShouldBe(25);
        result.ToJson().ShouldStartWith("""{"data":{"parents":[{"id":1,"child":{"id":10}},{"id":2,"child":{"id":20}}""");
    }

    [Fact]
    public async Task each_nesting_level_is_one_batch_and_repeated_keys_are_loaded_once()
    {
        var counter = new Counter();

        var result = await TestSchema.Run(
            "{ a: parents(count: 3) { child { id child { id } } } b: parents(count: 2) { child { id } } }",
            schema: Build(counter, asyncBatch: true));

        result.Errors.ShouldBeEmpty();
        counter.Batches.ShouldBe(2);
        counter.Keys[0].ShouldBe([1, 2, 3]);
        counter.Keys[1].ShouldBe([10, 20, 30]);
        result.ToJson().ShouldBe("""{"data":{"a":[{"child":{"id":10,"child":{"id":100}}},{"child":{"id":20,"child":{"id":200}}},{"child":{"id":30,"child":{"id":300}}}],"b":[{"child":{"id":10}},{"child":{"id":20}}]}}""");
    }

    [Fact]
    public async Task siblings_that_do_their_own_io_before_loading_still_share_one_batch()
    {
        var batches = 0;
        var schema = new SchemaBuilder()
            .Query(q => q.Field("parents", "[Parent!]!", _ => Enumerable.Range(1, 5).Select(i => new Parent(i)).ToList()))
            .Object<Parent>("Parent", t => t.Field("name", "String", f => f.ResolveAsync(async ctx =>
            {
                await Task.Delay(ctx.Source.Id * 3, ctx.CancellationToken); // each sibling's own lookup first
                var loader = ctx.DataLoader<int, string>("names", (keys, _) =>
                {
                    Interlocked.Increment(ref batches);
                    return Task.FromResult<IReadOnlyDictionary<int, string>>(keys.ToDictionary(k => k, k => "n" + k));
                });
                return await loader.LoadAsync(ctx.Source.Id);
            })))
            .Build();

        // A long stall bound: a loaded machine must not turn slow siblings into a second batch.
        var result = await TestSchema.Run("{ parents { name } }", schema: schema, options: new ExecutorOptions { LoaderStall = TimeSpan.FromSeconds(10) });

        result.ToJson().ShouldBe("""{"data":{"parents":[{"name":"n1"},{"name":"n2"},{"name":"n3"},{"name":"n4"},{"name":"n5"}]}}""");
        batches.ShouldBe(1);
    }

    [Fact]
    public async Task a_parked_resolver_that_never_loads_delays_the_batch_only_briefly()
    {
        var batchCalled = new TaskCompletionSource();
        var schema = new SchemaBuilder()
            .Query(q => q
                .Field("waitsForTheBatch", "Boolean", f => f.ResolveAsync(async _ =>
                {
                    await batchCalled.Task; // parked, not on a loader: counting alone would never dispatch
                    return (object?)true;
                }))
                .Field("loads", "String", f => f.ResolveAsync(async ctx =>
                    await ctx.DataLoader<int, string>("one", (keys, _) =>
                    {
                        batchCalled.TrySetResult();
                        return Task.FromResult<IReadOnlyDictionary<int, string>>(keys.ToDictionary(k => k, k => "v" + k));
                    }).LoadAsync(1))))
            .Build();

        var result = await TestSchema.Run("{ waitsForTheBatch loads }", schema: schema, options: new ExecutorOptions { Timeout = TimeSpan.FromSeconds(5) });

        result.ToJson().ShouldBe("""{"data":{"waitsForTheBatch":true,"loads":"v1"}}""");
    }

    [Fact]
    public async Task a_failing_batch_fails_every_field_that_waited_on_it()
    {
        var schema = new SchemaBuilder()
            .Query(q => q.Field("items", "[Int]", _ => new[] { 1, 2 }))
            .Object<int>("Unused", t => t.Field("x", "Int", i => i))
            .Query(q => q.Field("loaded", "[String]", f => f.ResolveAsync(async ctx =>
            {
                var loader = ctx.DataLoader<int, string>("failing", (_, _) => throw new TimeoutException("db down"));
                return await Task.WhenAll(loader.LoadAsync(1), loader.LoadAsync(2));
            })))
            .Build();

        var result = await TestSchema.Run("{ loaded }", schema: schema);

        result.ToJson().ShouldBe("""{"data":{"loaded":null},"errors":[{"message":"Unexpected Execution Error","locations":[{"line":1,"column":3}],"path":["loaded"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}""");
    }
}
