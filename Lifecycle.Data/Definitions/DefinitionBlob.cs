namespace Lifecycle.Data.Definitions;

/// <summary>A definition stored once under the hash of its content (SPEC D4). Never changes once written.</summary>
public sealed class DefinitionBlob
{
    private DefinitionBlob() { }

    public DefinitionBlob(string hash, string json)
    {
        Hash = hash;
        Json = json;
    }

    public string Hash { get; private set; } = "";
    public string Json { get; private set; } = "";
}
