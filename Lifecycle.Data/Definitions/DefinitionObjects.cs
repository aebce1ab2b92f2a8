using System.Collections.Immutable;
using System.Text.Json.Serialization;

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

    /// <summary>
    /// The canonical JSON, UTF-8, in its stored form (<see cref="ObjectCodec.Pack"/>); for a leaf of a component sequence, its
    /// components, from which its canonical JSON follows (<see cref="ObjectCodec.PackComponents"/>, decision 048).
    /// </summary>
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
/// above lists its children's hashes and how many components each holds, so a position can be found from the top. A
/// leaf's row holds the components themselves (decision 048); components have no rows.
/// </summary>
/// <remarks>
/// The children are held as 32 bytes each, not as 64 characters of text (~150 bytes): the object cache keeps the nodes
/// of every open draft, ~20 KB of an open 150-component editor's circuit as text (issue 12). They read back as the same
/// lower-case hex, so the node's canonical JSON, and with it its hash, is unchanged (SPEC D4). Children that are not
/// such hashes (never in a stored node) are kept as given.
/// </remarks>
internal sealed class SequenceNode
{
    private const int HashBytes = 32;
    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");
    private readonly byte[]? _packed;
    private readonly ImmutableArray<string> _text;

    public SequenceNode(int level, ImmutableArray<string> children, ImmutableArray<int> counts)
    {
        Level = level;
        Counts = counts;
        ChildCount = children.Length;
        _packed = TryPack(children);
        _text = _packed is null ? children : [];
    }

    // Serialized in this order, as the record it was: level, children, counts, componentCount.
    public int Level { get; }

    public ImmutableArray<string> Children => _packed is null ? _text : [.. Enumerable.Range(0, ChildCount).Select(Child)];

    public ImmutableArray<int> Counts { get; }

    public int ComponentCount => Level == 0 ? ChildCount : Counts.Sum();

    [JsonIgnore]
    public int ChildCount { get; }

    /// <summary>Whether both nodes list the same children, compared as held (no hash is read back into text).</summary>
    public bool HasSameChildren(SequenceNode other) =>
        _packed is not null && other._packed is not null
            ? _packed.AsSpan().SequenceEqual(other._packed)
            : ChildCount == other.ChildCount && Children.SequenceEqual(other.Children);

    /// <summary>One child's hash, without reading the others back into text.</summary>
    public string Child(int index) =>
        _packed is null ? _text[index] : Convert.ToHexStringLower(_packed.AsSpan(index * HashBytes, HashBytes));

    private static byte[]? TryPack(ImmutableArray<string> children)
    {
        var packed = new byte[children.Length * HashBytes];
        for (var i = 0; i < children.Length; i++)
        {
            var child = children[i];
            if (child.Length != HashBytes * 2 || child.AsSpan().ContainsAnyExcept(LowerHex))
            {
                return null;
            }

            Convert.FromHexString(child, packed.AsSpan(i * HashBytes, HashBytes), out _, out _);
        }

        return packed;
    }
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
