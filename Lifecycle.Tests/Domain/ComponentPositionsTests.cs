using Lifecycle.Data.Definitions;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Domain;

/// <summary>
/// Decision 034: an edit finds its component and the range it changed without scanning the page. That the stored tree is
/// the same as with a full comparison is shown by DefinitionStorageTests' random edits, which store through this shortcut.
/// </summary>
public sealed class ComponentPositionsTests
{
    [Theory]
    [InlineData(ComponentPositions.ScannedUpTo)] // scanned
    [InlineData(ComponentPositions.ScannedUpTo + 1)] // a map of positions
    public void D1_EveryComponentIsFoundByItsIdAndAMissingOneIsNot(int count)
    {
        var page = Sample.App(components: count).Pages[0];

        Assert.All(Enumerable.Range(0, count), i => Assert.Equal(Sample.ComponentId(i), page.FindComponent(Sample.ComponentId(i))?.Id));
        Assert.Null(page.FindComponent("no-such-id"));
    }

    [Fact]
    public void D1_AReplacementKeepsThePositionsAndSaysWhereItReplaced()
    {
        var before = Sample.App(components: 300).Pages[0].Components;
        var changed = before[120] with { Name = "renamed" };

        var after = ComponentPositions.Replace(before, 120, changed);

        Assert.Equal(120, ComponentPositions.ReplacedAt(before, after));
        Assert.Null(ComponentPositions.ReplacedAt(after, before));
        Assert.Null(ComponentPositions.ReplacedAt(Sample.App(components: 300).Pages[0].Components, after)); // equal content, another list
        Assert.Same(changed, after[ComponentPositions.IndexOf(after, Sample.ComponentId(120))]);
        Assert.Equal(299, ComponentPositions.IndexOf(after, Sample.ComponentId(299)));
    }

    [Fact]
    public void D1_AListChangedOtherwiseFindsItsComponentsWhereTheyAreNow()
    {
        var app = Sample.App(components: 50);
        var page = app.Pages[0];
        Assert.NotNull(page.FindComponent(Sample.ComponentId(10))); // the first list's positions are built

        var removed = page with { Components = page.Components.RemoveAt(0) };

        Assert.Equal(Sample.ComponentId(10), removed.FindComponent(Sample.ComponentId(10))?.Id);
        Assert.Equal(9, ComponentPositions.IndexOf(removed.Components, Sample.ComponentId(10)));
        Assert.Null(ComponentPositions.ReplacedAt(page.Components, removed.Components));
    }
}
