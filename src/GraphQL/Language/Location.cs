namespace Cabinets.GraphQL.Language;

/// <summary>A position in a GraphQL document: 1-based line and column, plus the 0-based character offset.</summary>
public readonly record struct Location(int Line, int Column, int Offset = 0)
{
    public override string ToString() => $"({Line}:{Column})";
}
