using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// The stored form of a definition (SPEC D1, D4). Serialization is canonical (fixed property order, sorted
/// property maps), so identical content always hashes to the same key and is stored once.
/// </summary>
public static class DefinitionJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
    };

    public static string Serialize(AppDefinition definition) => JsonSerializer.Serialize(definition, Options);

    public static AppDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<AppDefinition>(json, Options)
        ?? throw new InvalidOperationException("A stored definition is empty.");

    /// <summary>The content address: SHA-256 of the canonical JSON, lowercase hex.</summary>
    public static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}
