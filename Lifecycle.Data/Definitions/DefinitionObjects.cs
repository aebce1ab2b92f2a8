using System.Collections.Immutable;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// One stored object of a definition tree (SPEC D4, decisions 018 and 034): immutable, keyed by the SHA-256 of its
/// canonical JSON, stored once. Objects are never changed; the collector removes those no version reaches any more
/// (decision 020). Rows are written and read by <see cref="ObjectTable"/>; this mapping gives the schema and lets tests look.
/// </summary>
public sealed class DefinitionObject
{
    private DefinitionObject() { }

    /// <summary>The 32 bytes of the SHA-256 (the key of a <c>WITHOUT ROWID</c> table, decision 034); <see cref="ObjectKey"/> converts to the hex used elsewhere.</summary>
    public byte[] Hash { get; private set; } = [];

    /// <summary>The canonical JSON, UTF-8, in its stored form (<see cref="ObjectCodec.Pack"/>).</summary>
    public byte[] Content { get; private set; } = [];

    /// <summary>When the object was first stored, to the second (stored as Unix seconds): the collector leaves young objects alone (decision 020).</summary>
    public DateTime CreatedAtUtc { get; private set; }
}

/// <summary>An object's hash as the lowercase hex that versions, tree nodes and GitSync hold, and as the 32 bytes of its stored key.</summary>
public static class ObjectKey
{
    public static byte[] ToBytes(string hash) => Convert.FromHexString(hash);

    public static string ToHex(byte[] key) => Convert.ToHexStringLower(key);
}

/// <summary>
/// A version's root: the definition's own fields (settings, schema version) with its pages and queries as the hashes of
/// their objects, in order, and the reference counts that promotion checks (SPEC E3).
/// </summary>
internal sealed record RootObject(AppDefinition Definition, ImmutableArray<string> Pages, ImmutableArray<string> Queries, ReferenceCounts References);

/// <summary>A page's own fields, the root of its component sequence, and the reference counts of the page and its components.</summary>
internal sealed record PageObject(PageDefinition Page, string Components, ReferenceCounts References);

/// <summary>
/// A node of a page's component sequence (decision 018). A leaf (level 0) lists component hashes in page order; a node
/// above lists its children's hashes and how many components each holds, so a position can be found from the top.
/// </summary>
internal sealed record SequenceNode(int Level, ImmutableArray<string> Children, ImmutableArray<int> Counts)
{
    public int ComponentCount => Level == 0 ? Children.Length : Counts.Sum();
}

/// <summary>A page of a stored version: its object's hash (which changes exactly when the page or a component changes) and content.</summary>
public sealed record StoredPage(string Hash, PageDefinition Page);

/// <summary>A version's definition together with the hash of the root it was read from.</summary>
public sealed record StoredDefinition(string RootHash, AppDefinition Definition);

/// <summary>A stored definition refers to an object that is not in the database.</summary>
public sealed class DefinitionObjectMissingException(string hash) : Exception($"The definition object {hash} is not stored.")
{
    public string Hash { get; } = hash;
}
