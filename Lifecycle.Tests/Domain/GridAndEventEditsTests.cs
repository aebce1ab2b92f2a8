using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Domain;

/// <summary>The page's 12-column grid and the events of SPEC D5, as pure edits of a definition.</summary>
public sealed class GridAndEventEditsTests
{
    [Fact]
    public void D1_NewComponentsStackInRowsAtTheirTypesWidth()
    {
        var (definition, page) = PageWith(ComponentType.Text, ComponentType.Button);

        Assert.Equal(new GridPlacement(0, 0, 6), Component(definition, "text1").Placement);
        Assert.Equal(new GridPlacement(1, 0, 3), Component(definition, "button1").Placement);
        Assert.Equal(page, definition.Pages[0].Id);
    }

    [Fact]
    public void D1_MovingBesideAnotherComponentSharesItsRow()
    {
        var (definition, page) = PageWith(ComponentType.Text, ComponentType.Button);

        var moved = ResultAssert.Ok(DefinitionEdits.MoveComponentTo(definition, page, Id(definition, "button1"), row: 0, column: 8));

        Assert.Equal(new GridPlacement(0, 8, 3), Component(moved, "button1").Placement);
        Assert.Equal(new GridPlacement(0, 0, 6), Component(moved, "text1").Placement);
    }

    [Fact]
    public void D1_AComponentStaysInsideTheTwelveColumns()
    {
        var (definition, page) = PageWith(ComponentType.Button);

        var moved = ResultAssert.Ok(DefinitionEdits.MoveComponentTo(definition, page, Id(definition, "button1"), row: 0, column: 11));

        Assert.Equal(9, Component(moved, "button1").Placement.Column);
    }

    [Fact]
    public void D1_WhatIsInTheWayMovesDownAndNothingOverlaps()
    {
        var (definition, page) = PageWith(ComponentType.Text, ComponentType.Button, ComponentType.Image);

        var moved = ResultAssert.Ok(DefinitionEdits.MoveComponentTo(definition, page, Id(definition, "image1"), row: 0, column: 2));

        Assert.Equal(["image1", "text1", "button1"], moved.Pages[0].Components.Select(c => c.Name));
        Assert.Equal([0, 1, 2], moved.Pages[0].Components.Select(c => c.Placement.Row));
        Assert.Equal([0, 1, 2], moved.Pages[0].Components.Select(c => c.Order));
    }

    [Fact]
    public void D1_MovingDownOntoAnotherRowLandsBelowIt()
    {
        var (definition, page) = PageWith(ComponentType.Text, ComponentType.Button);

        var moved = ResultAssert.Ok(DefinitionEdits.MoveComponentTo(definition, page, Id(definition, "text1"), row: 1, column: 0));

        Assert.Equal(["button1", "text1"], moved.Pages[0].Components.Select(c => c.Name));
    }

    [Fact]
    public void D1_EmptyRowsClose()
    {
        var (definition, page) = PageWith(ComponentType.Text);

        var moved = ResultAssert.Ok(DefinitionEdits.MoveComponentTo(definition, page, Id(definition, "text1"), row: 7, column: 3));

        Assert.Equal(new GridPlacement(0, 3, 6), Component(moved, "text1").Placement);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void D1_WidthIsOneToTwelveColumns(int width)
    {
        var (definition, page) = PageWith(ComponentType.Text);

        ResultAssert.Failed(ResultStatus.Invalid, DefinitionEdits.ResizeComponent(definition, page, Id(definition, "text1"), width));
    }

    [Fact]
    public void D1_AWiderComponentMovesLeftToStayOnTheGrid()
    {
        var (definition, page) = PageWith(ComponentType.Button);
        definition = ResultAssert.Ok(DefinitionEdits.MoveComponentTo(definition, page, Id(definition, "button1"), 0, 9));

        var resized = ResultAssert.Ok(DefinitionEdits.ResizeComponent(definition, page, Id(definition, "button1"), 6));

        Assert.Equal(new GridPlacement(0, 6, 6), Component(resized, "button1").Placement);
    }

    [Fact]
    public void D5_AButtonsClickRunsItsActionsInOrder()
    {
        var (definition, page) = PageWith(ComponentType.Button, ComponentType.TextInput);
        definition = ResultAssert.Ok(DefinitionEdits.AddQuery(definition, "items", "stock"));
        var button = Id(definition, "button1");

        definition = ResultAssert.Ok(DefinitionEdits.AddClickAction(definition, page, button, new EventAction(EventActionKind.RunQuery, "items", "")));
        definition = ResultAssert.Ok(DefinitionEdits.AddClickAction(definition, page, button, new EventAction(EventActionKind.SetValue, "textinput1", "done")));
        definition = ResultAssert.Ok(DefinitionEdits.AddClickAction(definition, page, button, new EventAction(EventActionKind.GoToPage, "home", "")));
        definition = ResultAssert.Ok(DefinitionEdits.AddClickAction(definition, page, button, new EventAction(EventActionKind.ShowMessage, "", "Hi {{components.textinput1.value}}")));

        Assert.Equal(
            [EventActionKind.RunQuery, EventActionKind.SetValue, EventActionKind.GoToPage, EventActionKind.ShowMessage],
            Component(definition, "button1").ClickActions.Select(a => a.Kind));
        var removed = ResultAssert.Ok(DefinitionEdits.RemoveClickAction(definition, page, button, 0));
        Assert.Equal(EventActionKind.SetValue, Component(removed, "button1").ClickActions[0].Kind);
    }

    [Theory]
    [InlineData(EventActionKind.RunQuery, "nosuchquery", "")]
    [InlineData(EventActionKind.SetValue, "button1", "x")]
    [InlineData(EventActionKind.GoToPage, "nowhere", "")]
    [InlineData(EventActionKind.ShowMessage, "", " ")]
    public void D5_AnActionMustNameSomethingOfTheVersion(EventActionKind kind, string target, string value)
    {
        var (definition, page) = PageWith(ComponentType.Button);

        var result = DefinitionEdits.AddClickAction(definition, page, Id(definition, "button1"), new EventAction(kind, target, value));

        ResultAssert.Failed(ResultStatus.Invalid, result);
        Assert.Equal("event", result.Field);
    }

    [Fact]
    public void D5_OnlyButtonsHaveAClickEvent()
    {
        var (definition, page) = PageWith(ComponentType.Text);

        ResultAssert.Failed(ResultStatus.Invalid, DefinitionEdits.AddClickAction(definition, page, Id(definition, "text1"), new EventAction(EventActionKind.ShowMessage, "", "Hi")));
    }

    [Fact]
    public void D5_ANewQueryRunsWhenAskedUntilItIsSetToRunWhenThePageOpens()
    {
        var definition = ResultAssert.Ok(DefinitionEdits.AddQuery(AppDefinition.Empty(), "items", "stock"));
        Assert.False(definition.Queries[0].RunsOnPageOpen);

        var onOpen = ResultAssert.Ok(DefinitionEdits.SetQueryRunOnPageOpen(definition, "items", true));

        Assert.True(onOpen.Queries[0].RunsOnPageOpen);
    }

    // SPEC E3: a constant used only in an event still needs a value before promotion.
    [Fact]
    public void E3_ConstantsInEventsAreReferences()
    {
        var (definition, page) = PageWith(ComponentType.Button);
        definition = ResultAssert.Ok(DefinitionEdits.AddClickAction(definition, page, Id(definition, "button1"), new EventAction(EventActionKind.ShowMessage, "", "{{constants.GREETING}}")));

        Assert.Contains("GREETING", DefinitionReferences.Of(definition).Constants);
    }

    private static (AppDefinition Definition, string PageId) PageWith(params ComponentType[] types)
    {
        var definition = AppDefinition.Empty();
        var page = definition.Pages[0].Id;
        foreach (var type in types)
        {
            definition = ResultAssert.Ok(DefinitionEdits.AddComponent(definition, page, type, out _));
        }

        return (definition, page);
    }

    private static ComponentDefinition Component(AppDefinition definition, string name) =>
        definition.Pages.SelectMany(p => p.Components).Single(c => c.Name == name);

    private static string Id(AppDefinition definition, string name) => Component(definition, name).Id;
}
