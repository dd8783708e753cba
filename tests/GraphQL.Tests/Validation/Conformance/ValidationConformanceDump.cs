using System.Runtime.CompilerServices;
using System.Text.Json;
using Cabinets.GraphQL.Validation;

namespace Cabinets.GraphQL.Tests.Validation.Conformance;

/// <summary>
/// Writes our schema's SDL and our errors for every corpus document when GRAPHQL_CONFORMANCE_DIR is
/// set, for check-validation.js to compare with graphql-js (see there). Without it, it only checks
/// that the corpus validates without throwing.
/// </summary>
public sealed class ValidationConformanceDump
{
    [Fact]
    public void every_corpus_document_validates_and_is_dumped_for_graphql_js()
    {
        var corpus = File.ReadAllText(Path.Combine(Path.GetDirectoryName(SourceFile())!, "corpus.graphql"))
            .Split("\n# ---\n")
            .Where(q => q.Trim().Length > 0)
            .ToList();
        var cases = corpus.Select(q => new { query = q, errors = Check.Errors(SpecifiedRules.All, q) }).ToList();
        cases.Count.ShouldBeGreaterThan(50);

        if (Environment.GetEnvironmentVariable("GRAPHQL_CONFORMANCE_DIR") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "schema.graphql"), ValidationTestSchema.Schema.ToSdl());
            File.WriteAllText(Path.Combine(dir, "ours.json"), JsonSerializer.Serialize(cases));
        }
    }

    // The corpus is read from the source tree, beside this file.
    private static string SourceFile([CallerFilePath] string path = "") => path;
}
