namespace Lifecycle.Data.Definitions;

/// <summary>
/// A whole definition stored as one JSON document under its hash, as versions were stored before definitions became
/// trees (decision 003, replaced by 018). Read only by <see cref="LegacyDefinitionConverter"/>, which turns each into a
/// tree once and removes it; the table goes with a later migration.
/// </summary>
public sealed class LegacyDefinitionBlob
{
    private LegacyDefinitionBlob() { }

    internal LegacyDefinitionBlob(string hash, string json)
    {
        Hash = hash;
        Json = json;
    }

    public string Hash { get; private set; } = "";
    public string Json { get; private set; } = "";
}
