using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/GraphQL.Bench -- --filter '*' --job short
// Targets (ADR-0007): HotChocolate 12's published 9.94 µs (simple query) and 262 µs (introspection).
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
