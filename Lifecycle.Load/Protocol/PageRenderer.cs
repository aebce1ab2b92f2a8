namespace Lifecycle.Load.Protocol;

/// <summary>
/// Applies render batches to a model of the page as blazor.web.js's BrowserRenderer applies them to the DOM: root components
/// attach to a place, each updated component's edits run against its place's logical children (components, elements, text,
/// markup), reference frames become nodes, and event handler ids are kept on their elements for dispatching events.
/// </summary>
internal sealed class PageRenderer
{
    // The server's encoder for markup (Lifecycle.Web's CanvasMarkup): the same characters encode the same way.
    private static readonly System.Text.Encodings.Web.HtmlEncoder MarkupEncoder =
        System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private readonly Dictionary<int, ContainerNode> _componentPlaces = [];
    private readonly Dictionary<ulong, ElementNode> _handlerOwners = [];

    /// <summary>The editor canvas's items, by component id: HTML that lifecycle.canvas.apply puts on the page (decision 044).</summary>
    private readonly Dictionary<string, MarkupNode> _canvasItems = new(StringComparer.Ordinal);

    public List<RootNode> Roots { get; } = [];

    public void AttachRootComponent(int componentId)
    {
        var root = new RootNode();
        Roots.Add(root);
        _componentPlaces[componentId] = root;
    }

    public IEnumerable<ElementNode> Elements() => Roots.SelectMany(r => r.Elements());

    public ElementNode? FindByTestId(string testId) => Roots.Select(r => r.FindByTestId(testId)).FirstOrDefault(e => e is not null);

    /// <summary>The markup frame that draws the element with this test id (the editor's canvas items are markup).</summary>
    public MarkupNode? FindMarkupByTestId(string testId)
    {
        var attribute = $" data-testid=\"{MarkupEncoder.Encode(testId)}\"";
        return _canvasItems.Values.FirstOrDefault(item => item.Markup.Contains(attribute, StringComparison.Ordinal))
            ?? Roots.SelectMany(r => r.MarkupContaining(attribute)).FirstOrDefault();
    }

    /// <summary>
    /// A patch of the editor's canvas, as lifecycle.canvas.apply applies it: a reset removes every item, each item replaces
    /// the one with its id, an order removes the items not in it (where they stand does not matter to the tool).
    /// </summary>
    public void ApplyCanvasPatch(System.Text.Json.Nodes.JsonNode? patch)
    {
        static string Text(System.Text.Json.Nodes.JsonNode? node) =>
            node?.GetValue<string>() ?? throw new InvalidOperationException("A canvas patch holds an item without an id or markup.");

        if (patch?["items"] is not System.Text.Json.Nodes.JsonArray items || patch["reset"] is not { } reset)
        {
            throw new InvalidOperationException("A canvas patch has no items or no reset.");
        }

        if (reset.GetValue<bool>())
        {
            _canvasItems.Clear();
        }

        foreach (var item in items)
        {
            _canvasItems[Text(item?[0])] = new MarkupNode(Text(item?[1]));
        }

        if (patch["order"] is System.Text.Json.Nodes.JsonArray order)
        {
            var wanted = order.Select(Text).ToHashSet(StringComparer.Ordinal);
            foreach (var id in _canvasItems.Keys.Where(id => !wanted.Contains(id)).ToList())
            {
                _canvasItems.Remove(id);
            }
        }
    }

    /// <summary>The page as indented text (tags, test ids, handlers, text), for diagnosing the tool itself.</summary>
    public string Dump()
    {
        var text = new System.Text.StringBuilder();
        void Write(DomNode node, int depth)
        {
            var indent = new string(' ', depth * 2);
            switch (node)
            {
                case ElementNode element:
                    text.Append(indent).Append('<').Append(element.Tag);
                    if (element.Attribute("data-testid") is { } id)
                    {
                        text.Append(" testid=").Append(id);
                    }

                    text.Append("> on:").AppendJoin(',', element.HandledEvents).AppendLine();
                    break;
                case ComponentNode component:
                    text.Append(indent).Append("[component ").Append(component.ComponentId).AppendLine("]");
                    break;
                case TextNode textNode:
                    text.Append(indent).Append('"').Append(textNode.Content).AppendLine("\"");
                    break;
                case MarkupNode markup:
                    text.Append(indent).Append("markup ").AppendLine(markup.Markup.Length > 80 ? markup.Markup[..80] : markup.Markup);
                    break;
                default:
                    text.Append(indent).AppendLine("[root]");
                    break;
            }

            if (node is ContainerNode container)
            {
                foreach (var child in container.Children)
                {
                    Write(child, depth + 1);
                }
            }
        }

        foreach (var root in Roots)
        {
            Write(root, 0);
        }

        return text.ToString();
    }

    public void Apply(RenderBatch batch)
    {
        for (var i = 0; i < batch.UpdatedComponentCount; i++)
        {
            var (componentId, editCount, editsStart) = batch.UpdatedComponent(i);
            if (!_componentPlaces.TryGetValue(componentId, out var place))
            {
                throw new InvalidOperationException($"No element is currently associated with component {componentId}.");
            }

            ApplyEdits(batch, componentId, place, editCount, editsStart);
        }

        foreach (var componentId in batch.DisposedComponentIds())
        {
            _componentPlaces.Remove(componentId);
        }

        foreach (var handlerId in batch.DisposedEventHandlerIds())
        {
            if (_handlerOwners.Remove(handlerId, out var owner))
            {
                owner.RemoveHandlerId(handlerId);
            }
        }
    }

    private void ApplyEdits(RenderBatch batch, int componentId, ContainerNode place, int editCount, int editsStart)
    {
        var parent = place;
        List<(int From, int To)>? permutation = null;
        for (var e = 0; e < editCount; e++)
        {
            var edit = batch.ReadEdit(editsStart, e);
            switch (edit.Type)
            {
                case EditType.PrependFrame:
                    InsertFrame(batch, componentId, parent, edit.SiblingIndex, edit.NewTreeIndex);
                    break;
                case EditType.RemoveFrame:
                    parent.RemoveAt(edit.SiblingIndex);
                    break;
                case EditType.SetAttribute:
                    ApplyAttribute(batch, componentId, ElementAt(parent, edit.SiblingIndex), edit.NewTreeIndex);
                    break;
                case EditType.RemoveAttribute:
                    ElementAt(parent, edit.SiblingIndex).SetAttribute(batch.String(edit.RemovedAttributeName) ?? "", null);
                    break;
                case EditType.UpdateText:
                    ((TextNode)parent.Children[edit.SiblingIndex]).Content = batch.TextContent(edit.NewTreeIndex);
                    break;
                case EditType.UpdateMarkup:
                    parent.RemoveAt(edit.SiblingIndex);
                    parent.Insert(edit.SiblingIndex, new MarkupNode(batch.TextContent(edit.NewTreeIndex)));
                    break;
                case EditType.StepIn:
                    parent = (ContainerNode)parent.Children[edit.SiblingIndex];
                    break;
                case EditType.StepOut:
                    parent = parent.Parent!;
                    break;
                case EditType.PermutationListEntry:
                    (permutation ??= []).Add((edit.SiblingIndex, edit.MoveToSiblingIndex));
                    break;
                case EditType.PermutationListEnd:
                    var before = parent.Children.ToArray();
                    foreach (var (from, to) in permutation!)
                    {
                        parent.Children[to] = before[from];
                    }

                    permutation = null;
                    break;
                default:
                    throw new InvalidOperationException($"Unknown edit type {edit.Type}.");
            }
        }
    }

    private static ElementNode ElementAt(ContainerNode parent, int index) =>
        parent.Children[index] as ElementNode ?? throw new InvalidOperationException("An attribute edit points at a child that is not an element.");

    /// <summary>Inserts a frame and its subtree at a child index; returns how many logical children it added.</summary>
    private int InsertFrame(RenderBatch batch, int componentId, ContainerNode parent, int childIndex, int frame)
    {
        switch (batch.FrameTypeAt(frame))
        {
            case FrameType.Element:
                InsertElement(batch, componentId, parent, childIndex, frame);
                return 1;
            case FrameType.Text:
                parent.Insert(childIndex, new TextNode(batch.TextContent(frame)));
                return 1;
            case FrameType.Component:
                var place = new ComponentNode(batch.ComponentId(frame));
                parent.Insert(childIndex, place);
                _componentPlaces[place.ComponentId] = place;
                return 1;
            case FrameType.Region:
                return InsertFrameRange(batch, componentId, parent, childIndex, frame + 1, frame + batch.SubtreeLength(frame));
            case FrameType.Markup:
                parent.Insert(childIndex, new MarkupNode(batch.TextContent(frame)));
                return 1;
            case FrameType.ElementReferenceCapture:
            case FrameType.NamedEvent:
                return 0;
            case FrameType.Attribute:
                throw new InvalidOperationException("Attribute frames should only be present as leading children of element frames.");
            default:
                throw new InvalidOperationException($"Unknown frame type {batch.FrameTypeAt(frame)}.");
        }
    }

    private void InsertElement(RenderBatch batch, int componentId, ContainerNode parent, int childIndex, int frame)
    {
        var element = new ElementNode(batch.ElementName(frame));
        parent.Insert(childIndex, element);
        var end = frame + batch.SubtreeLength(frame);
        for (var descendant = frame + 1; descendant < end; descendant++)
        {
            if (batch.FrameTypeAt(descendant) == FrameType.Attribute)
            {
                ApplyAttribute(batch, componentId, element, descendant);
            }
            else
            {
                InsertFrameRange(batch, componentId, element, 0, descendant, end);
                break;
            }
        }
    }

    private int InsertFrameRange(RenderBatch batch, int componentId, ContainerNode parent, int childIndex, int start, int endExclusive)
    {
        var first = childIndex;
        for (var frame = start; frame < endExclusive; frame++)
        {
            childIndex += InsertFrame(batch, componentId, parent, childIndex, frame);
            if (batch.FrameTypeAt(frame) is FrameType.Component or FrameType.Element or FrameType.Region)
            {
                frame += batch.SubtreeLength(frame) - 1; // its descendants were inserted with it
            }
        }

        return childIndex - first;
    }

    private void ApplyAttribute(RenderBatch batch, int componentId, ElementNode element, int frame)
    {
        var name = batch.AttributeName(frame);
        var handlerId = batch.AttributeEventHandlerId(frame);
        if (handlerId != 0)
        {
            var eventName = name.StartsWith("on", StringComparison.Ordinal) ? name[2..] : name;
            element.SetHandler(eventName, handlerId);
            element.RenderingComponentId = componentId;
            _handlerOwners[handlerId] = element;
            return;
        }

        element.SetAttribute(name, batch.AttributeValue(frame));
    }
}
