namespace Cabinets.Projections;

/// <summary>Reads a read model's table SQL, embedded next to its projection.</summary>
internal static class EmbeddedSql
{
    public static string Read(Type neighbour, string fileName)
    {
        var assembly = neighbour.Assembly;
        var resource = $"{neighbour.Namespace}.{fileName}";
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded SQL '{resource}' not found");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
