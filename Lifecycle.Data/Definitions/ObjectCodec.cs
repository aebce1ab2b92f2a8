namespace Lifecycle.Data.Definitions;

/// <summary>
/// The canonical JSON of each kind of object. A component and a query are stored as their whole record, whatever fields
/// it has, except the order, which is their place in the page's sequence or the root's list (so moving one changes
/// neither it nor its neighbours).
/// </summary>
internal static class ObjectCodec
{
    public static byte[] Component(ComponentDefinition component) =>
        DefinitionJson.SerializeToUtf8(component.Order == 0 ? component : component with { Order = 0 }, typeof(ComponentDefinition));

    public static byte[] Query(QueryDefinition query) => DefinitionJson.SerializeToUtf8(query, typeof(QueryDefinition));

    /// <summary>The definition's own fields: everything but its pages and queries.</summary>
    public static byte[] OwnPart(AppDefinition definition) => DefinitionJson.SerializeToUtf8(OwnFields(definition), typeof(AppDefinition));

    /// <summary>The page's own fields: everything but its components and its order.</summary>
    public static byte[] OwnPart(PageDefinition page) => DefinitionJson.SerializeToUtf8(OwnFields(page), typeof(PageDefinition));

    public static AppDefinition OwnFields(AppDefinition definition) => definition with { Pages = [], Queries = [] };

    public static PageDefinition OwnFields(PageDefinition page) => page with { Components = [], Order = 0 };

    public static byte[] Serialize<T>(T value)
        where T : notnull => DefinitionJson.SerializeToUtf8(value, typeof(T));

    public static T Decode<T>(byte[] canonicalJson) => DefinitionJson.Deserialize<T>(canonicalJson);

    /// <summary>
    /// The stored form (decision 034): a first byte that says how the rest is stored, then the canonical JSON as it is
    /// (<see cref="Plain"/>), with its common field names as one-byte codes (<see cref="Tokens"/>), or compressed with
    /// Brotli (<see cref="Brotli"/>), whichever is smallest. The hash is always that of the JSON. Components and queries
    /// shrink most with the codes; index objects, mostly hex hashes, halve with Brotli (a fast quality and a 64 KB window,
    /// ample for objects of a few KB).
    /// </summary>
    public static byte[] Pack(byte[] canonicalJson)
    {
        var tokens = JsonTokens.Encode(canonicalJson);
        return ObjectBrotli.Compress(canonicalJson, Brotli, Math.Min(tokens.Length, canonicalJson.Length))
            ?? (tokens.Length < canonicalJson.Length ? [Tokens, .. tokens] : [Plain, .. canonicalJson]);
    }

    /// <summary>
    /// The stored form of <paramref name="canonicalJson"/> as a delta of <paramref name="deltaBase"/> (decision 039): how
    /// many deltas deep it is, the base's key, then <see cref="ObjectDelta"/>'s script (compressed when smaller). Null
    /// when that is not smaller than <paramref name="whole"/>, the object's own stored form, or would be deeper than
    /// <see cref="MaxDeltaDepth"/>: then it is stored whole.
    /// </summary>
    public static byte[]? PackDelta(byte[] canonicalJson, byte[] whole, DeltaBase deltaBase) =>
        deltaBase.Form.HoldsComponents ? null : DeltaRow(deltaBase, 0, () => ObjectDelta.Make(canonicalJson, Serialize(deltaBase.Node)), whole);

    /// <summary>
    /// The stored form of a leaf that holds its components (decision 048): <see cref="Components"/>, then the stored form
    /// of their <see cref="LeafPayload"/>.
    /// </summary>
    public static byte[] PackComponents(byte[] payload) => [Components, .. Pack(payload)];

    /// <summary>
    /// A leaf's components as a delta of its base's components (decision 048), as <see cref="PackDelta"/> does for
    /// canonical JSON, with <see cref="ComponentsFlag"/> on the depth. Null unless the base's row holds its components too,
    /// when deeper than <see cref="MaxDeltaDepth"/>, or when not smaller than <paramref name="whole"/>.
    /// </summary>
    public static byte[]? PackComponentsDelta(byte[] payload, byte[] whole, DeltaBase deltaBase) =>
        deltaBase is { Form.HoldsComponents: true, Components: { } basePayload }
            ? DeltaRow(deltaBase, ComponentsFlag, () => ObjectDelta.MakeAround(payload, basePayload), whole)
            : null;

    /// <summary>
    /// A delta's row: its first byte, its depth (with <paramref name="flag"/>), the base's key and the compressed script.
    /// Null when deeper than <see cref="MaxDeltaDepth"/> (the script is then not made) or not smaller than <paramref name="whole"/>.
    /// </summary>
    private static byte[]? DeltaRow(DeltaBase deltaBase, byte flag, Func<byte[]> script, byte[] whole)
    {
        var depth = deltaBase.Form.Depth + 1;
        if (depth > MaxDeltaDepth)
        {
            return null;
        }

        byte[] delta = [Delta, (byte)(depth | flag), .. ObjectKey.ToBytes(deltaBase.Hash), .. ObjectDelta.Compress(script())];
        return delta.Length < whole.Length ? delta : null;
    }

    /// <summary>How a stored row is stored: whole, or as a delta of which object, how deep; and whether it holds a leaf's components.</summary>
    public static StoredForm FormOf(byte[] stored) =>
        stored.Length > DeltaHeader && stored[0] == Delta
            ? StoredForm.DeltaOf(ObjectKey.ToHex(stored[2..DeltaHeader]), stored[1] & ~ComponentsFlag, HoldsComponents(stored))
            : HoldsComponents(stored) ? StoredForm.WholeComponents : StoredForm.Whole;

    /// <summary>Whether a row that starts with <paramref name="head"/> (its first two bytes at least) holds a leaf's components.</summary>
    public static bool HoldsComponents(ReadOnlySpan<byte> head) =>
        head.Length >= 2 && (head[0] == Components || (head[0] == Delta && (head[1] & ComponentsFlag) != 0));

    /// <summary>The <see cref="LeafPayload"/> of a leaf stored whole with its components.</summary>
    public static byte[] UnpackComponents(byte[] stored) => Unpack(stored[1..]);

    /// <summary>The canonical JSON of a stored delta, given its base's canonical JSON.</summary>
    public static byte[] UnpackDelta(byte[] stored, byte[] baseJson) =>
        ObjectDelta.Rebuild(stored[DeltaHeader..], baseJson);

    public static byte[] Unpack(byte[] stored)
    {
        switch (stored.Length > 0 ? stored[0] : byte.MaxValue)
        {
            case Plain:
                return stored[1..];
            case Tokens:
                return JsonTokens.Decode(stored.AsSpan(1));
            case Brotli:
                return ObjectBrotli.Decompress(stored);
            case Delta:
                throw new InvalidOperationException("A definition object stored as a delta is read with its base (UnpackDelta).");
            case Components:
                throw new InvalidOperationException("A leaf stored with its components is read with UnpackComponents.");
            default:
                throw new InvalidOperationException("A definition object is stored in an unknown form.");
        }
    }

    /// <summary>First byte of a stored object: the canonical JSON follows as it is.</summary>
    internal const byte Plain = 0;

    /// <summary>First byte of a stored object: the canonical JSON follows compressed with Brotli. Rows stored before decision 034 got it by migration.</summary>
    internal const byte Brotli = 1;

    /// <summary>First byte of a stored object: the canonical JSON follows with <see cref="JsonTokens"/>' codes for its common parts.</summary>
    internal const byte Tokens = 2;

    /// <summary>First byte of a stored object: a delta of another object, whose depth and key follow (decision 039).</summary>
    internal const byte Delta = 3;

    /// <summary>First byte of a leaf's row that holds its components (decision 048); their stored payload follows.</summary>
    internal const byte Components = 4;

    /// <summary>Set on a delta's depth byte when the delta is of a leaf's components, not of canonical JSON (decision 048).</summary>
    internal const byte ComponentsFlag = 0x80;

    /// <summary>
    /// The most deltas between a stored object and the one stored whole at the end of its chain: reading one resolves
    /// at most this many bases (read in the same query); a node one deeper is stored whole. 16, not 8 or 50: decision 042
    /// measured all three.
    /// </summary>
    internal const int MaxDeltaDepth = 16;

    /// <summary>The first byte, the depth and the base's 32-byte key.</summary>
    private const int DeltaHeader = 2 + 32;
}

/// <summary>
/// How an object's row is stored, when it is known for sure: whole, or as a delta of <see cref="DeltaBase"/>, itself
/// <see cref="Depth"/> - 1 deltas away from an object stored whole (decision 039).
/// </summary>
/// <remarks><see cref="HoldsComponents"/>: the row holds a leaf's components, not its canonical JSON (decision 048).</remarks>
internal readonly record struct StoredForm(bool Known, string? DeltaBase, int Depth, bool HoldsComponents = false)
{
    public static StoredForm Unknown => default;

    public static StoredForm Whole => new(true, null, 0);

    public static StoredForm WholeComponents => new(true, null, 0, true);

    public static StoredForm DeltaOf(string baseHash, int depth, bool holdsComponents = false) => new(true, baseHash, depth, holdsComponents);
}
