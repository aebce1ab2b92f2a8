using System.Text;

namespace Lifecycle.Load.Protocol;

/// <summary>A node of the page as the browser would hold it after applying render batches (logical children, as in blazor.web.js).</summary>
internal abstract class DomNode
{
    public ContainerNode? Parent { get; set; }

    /// <summary>Whether the node is still on the page (not removed with an ancestor).</summary>
    public bool IsAttached => this is RootNode || (Parent is not null && Parent.IsAttached);

    public abstract void AppendText(StringBuilder text);

    /// <summary>The text the node shows, as the browser would show it.</summary>
    public string Text()
    {
        var text = new StringBuilder();
        AppendText(text);
        return text.ToString();
    }
}

/// <summary>A node with logical children: an element, a component's place, or a root component's place.</summary>
internal abstract class ContainerNode : DomNode
{
    public List<DomNode> Children { get; } = [];

    public void Insert(int index, DomNode child)
    {
        child.Parent = this;
        Children.Insert(Math.Min(index, Children.Count), child);
    }

    public void RemoveAt(int index)
    {
        Children[index].Parent = null;
        Children.RemoveAt(index);
    }

    public override void AppendText(StringBuilder text)
    {
        foreach (var child in Children)
        {
            child.AppendText(text);
        }
    }

    /// <summary>The elements below this node, depth first, in document order.</summary>
    public IEnumerable<ElementNode> Elements() => Nodes().OfType<ElementNode>();

    /// <summary>The markup frames below this node whose HTML contains <paramref name="fragment"/>, in document order.</summary>
    public IEnumerable<MarkupNode> MarkupContaining(string fragment) =>
        Nodes().OfType<MarkupNode>().Where(markup => markup.Markup.Contains(fragment, StringComparison.Ordinal));

    /// <summary>The nodes below this node, depth first, in document order.</summary>
    private IEnumerable<DomNode> Nodes()
    {
        var stack = new Stack<DomNode>();
        for (var i = Children.Count - 1; i >= 0; i--)
        {
            stack.Push(Children[i]);
        }

        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;

            if (node is ContainerNode container)
            {
                for (var i = container.Children.Count - 1; i >= 0; i--)
                {
                    stack.Push(container.Children[i]);
                }
            }
        }
    }

    public ElementNode? FindByTestId(string testId) => Elements().FirstOrDefault(e => e.Attribute("data-testid") == testId);
}

/// <summary>Where a root component was attached (JS.AttachComponent).</summary>
internal sealed class RootNode : ContainerNode;

/// <summary>The place of a child component: its frames become this node's children.</summary>
internal sealed class ComponentNode(int componentId) : ContainerNode
{
    public int ComponentId { get; } = componentId;
}

internal sealed class ElementNode(string tag) : ContainerNode
{
    private readonly Dictionary<string, string> _attributes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ulong> _handlers = new(StringComparer.Ordinal);

    public string Tag { get; } = tag;

    /// <summary>The component whose render set this element's event handlers (the browser sends it as the event's field info).</summary>
    public int RenderingComponentId { get; set; }

    public string? Attribute(string name) => _attributes.GetValueOrDefault(name);

    public void SetAttribute(string name, string? value)
    {
        if (value is null)
        {
            _attributes.Remove(name);
        }
        else
        {
            _attributes[name] = value;
        }
    }

    /// <summary>The event handler id for an event name (click, change, blur…), as blazor.web.js's event delegator keeps it.</summary>
    public ulong? Handler(string eventName) => _handlers.TryGetValue(eventName, out var id) ? id : null;

    public IEnumerable<string> HandledEvents => _handlers.Keys;

    public void SetHandler(string eventName, ulong handlerId) => _handlers[eventName] = handlerId;

    public void RemoveHandlerId(ulong handlerId)
    {
        foreach (var (name, id) in _handlers)
        {
            if (id == handlerId)
            {
                _handlers.Remove(name);
                return;
            }
        }
    }
}

internal sealed class TextNode(string content) : DomNode
{
    public string Content { get; set; } = content;

    public override void AppendText(StringBuilder text) => text.Append(Content);
}

/// <summary>A markup frame: HTML the browser would parse; kept as a string (its text is searched, not its structure).</summary>
internal sealed class MarkupNode(string markup) : DomNode
{
    public string Markup { get; } = markup;

    /// <summary>
    /// The value of the first <paramref name="name"/> attribute in the markup (double-quoted, as Lifecycle writes them),
    /// HTML-decoded: enough for the tool to read what its own server wrote.
    /// </summary>
    public string? FirstAttribute(string name)
    {
        var prefix = $" {name}=\"";
        var start = Markup.IndexOf(prefix, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += prefix.Length;
        var end = Markup.IndexOf('"', start);
        return end < 0 ? null : System.Net.WebUtility.HtmlDecode(Markup[start..end]);
    }

    /// <summary>The markup's text without its tags, its character references decoded, as the browser would show it.</summary>
    public override void AppendText(StringBuilder text)
    {
        var shown = new StringBuilder();
        var inTag = false;
        foreach (var c in Markup)
        {
            if (c == '<')
            {
                inTag = true;
            }
            else if (c == '>')
            {
                inTag = false;
            }
            else if (!inTag)
            {
                shown.Append(c);
            }
        }

        text.Append(System.Net.WebUtility.HtmlDecode(shown.ToString()));
    }
}
