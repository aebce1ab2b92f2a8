using System.Buffers.Binary;
using System.Text;

namespace Lifecycle.Load.Protocol;

/// <summary>The kinds of edit in a render batch (RenderTreeEditType in the framework; the same numbers).</summary>
internal enum EditType
{
    PrependFrame = 1,
    RemoveFrame = 2,
    SetAttribute = 3,
    RemoveAttribute = 4,
    UpdateText = 5,
    StepIn = 6,
    StepOut = 7,
    UpdateMarkup = 8,
    PermutationListEntry = 9,
    PermutationListEnd = 10,
}

/// <summary>The kinds of frame in a render batch (RenderTreeFrameType in the framework; the same numbers).</summary>
internal enum FrameType
{
    Element = 1,
    Text = 2,
    Attribute = 3,
    Component = 4,
    Region = 5,
    ElementReferenceCapture = 6,
    Markup = 8,
    NamedEvent = 10,
}

internal readonly record struct Edit(EditType Type, int SiblingIndex, int NewTreeIndex, int RemovedAttributeName)
{
    public int MoveToSiblingIndex => NewTreeIndex;
}

/// <summary>
/// One render batch as the server sends it to a browser (the framework's RenderBatchWriter; blazor.web.js reads it in
/// OutOfProcessRenderBatch): the updated components with their edits, the reference frames the edits point at, the
/// disposed components and event handlers, and a string table. Five int32s at the end give where each part starts.
/// </summary>
internal sealed class RenderBatch
{
    private const int FrameLength = 20;
    private const int EditLength = 16;

    private readonly byte[] _data;
    private readonly int _framesStart;
    private readonly int _stringTableStart;
    private readonly string?[] _strings;

    public RenderBatch(byte[] data)
    {
        _data = data;
        var end = data.Length;
        UpdatedComponentsStart = Int32(end - 20);
        _framesStart = Int32(end - 16);
        DisposedComponentsStart = Int32(end - 12);
        DisposedEventHandlersStart = Int32(end - 8);
        _stringTableStart = Int32(end - 4);
        _strings = new string?[(end - 20 - _stringTableStart) / 4];
    }

    private int UpdatedComponentsStart { get; }

    private int DisposedComponentsStart { get; }

    private int DisposedEventHandlersStart { get; }

    public int UpdatedComponentCount => Int32(UpdatedComponentsStart);

    /// <summary>The component id and the edits of the <paramref name="index"/>th updated component.</summary>
    public (int ComponentId, int EditCount, int EditsStart) UpdatedComponent(int index)
    {
        var diff = Int32(UpdatedComponentsStart + 4 + index * 4);
        return (Int32(diff), Int32(diff + 4), diff + 8);
    }

    public Edit ReadEdit(int editsStart, int index)
    {
        var at = editsStart + index * EditLength;
        return new Edit((EditType)Int32(at), Int32(at + 4), Int32(at + 8), Int32(at + 12));
    }

    public FrameType FrameTypeAt(int frame) => (FrameType)Int32(FrameAt(frame));

    public int SubtreeLength(int frame) => Int32(FrameAt(frame) + 4);

    public int ComponentId(int frame) => Int32(FrameAt(frame) + 8);

    public string ElementName(int frame) => String(Int32(FrameAt(frame) + 8)) ?? "";

    public string TextContent(int frame) => String(Int32(FrameAt(frame) + 4)) ?? "";

    public string AttributeName(int frame) => String(Int32(FrameAt(frame) + 4)) ?? "";

    public string? AttributeValue(int frame) => String(Int32(FrameAt(frame) + 8));

    public ulong AttributeEventHandlerId(int frame) => BinaryPrimitives.ReadUInt64LittleEndian(_data.AsSpan(FrameAt(frame) + 12));

    public IEnumerable<int> DisposedComponentIds()
    {
        var count = Int32(DisposedComponentsStart);
        for (var i = 0; i < count; i++)
        {
            yield return Int32(DisposedComponentsStart + 4 + i * 4);
        }
    }

    public IEnumerable<ulong> DisposedEventHandlerIds()
    {
        var count = Int32(DisposedEventHandlersStart);
        for (var i = 0; i < count; i++)
        {
            yield return BinaryPrimitives.ReadUInt64LittleEndian(_data.AsSpan(DisposedEventHandlersStart + 4 + i * 8));
        }
    }

    /// <summary>A string of the batch's table (-1 means null); each is LEB128-length-prefixed UTF-8, as .NET's BinaryWriter writes it.</summary>
    public string? String(int index)
    {
        if (index < 0)
        {
            return null;
        }

        if (_strings[index] is { } cached)
        {
            return cached;
        }

        var at = Int32(_stringTableStart + index * 4);
        var length = 0;
        var shift = 0;
        while (true)
        {
            var b = _data[at++];
            length |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }

            shift += 7;
        }

        return _strings[index] = Encoding.UTF8.GetString(_data, at, length);
    }

    private int FrameAt(int frame) => _framesStart + 4 + frame * FrameLength;

    private int Int32(int at) => BinaryPrimitives.ReadInt32LittleEndian(_data.AsSpan(at));
}
