using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Domain;

public sealed class DefinitionEditsTests
{
    private static AppDefinition WithPages(params string[] extraPages)
    {
        var definition = AppDefinition.Empty();
        foreach (var page in extraPages)
        {
            definition = ResultAssert.Ok(DefinitionEdits.AddPage(definition, page));
        }

        return definition;
    }

    private static PageDefinition Page(AppDefinition definition, string name) => definition.Pages.Single(p => p.Name == name);

    private static (AppDefinition Definition, ComponentDefinition Added) Add(AppDefinition definition, string pageName, ComponentType type)
    {
        var changed = ResultAssert.Ok(DefinitionEdits.AddComponent(definition, Page(definition, pageName).Id, type, out var added));
        Assert.NotNull(added);
        return (changed, added);
    }

    private static string[] PageNamesInOrder(AppDefinition definition) =>
        [.. definition.Pages.OrderBy(p => p.Order).Select(p => p.Name)];

    [Fact]
    public void D1_AddPageAppendsPageWithHandleAndOrder()
    {
        // SPEC D1
        var definition = ResultAssert.Ok(DefinitionEdits.AddPage(AppDefinition.Empty(), "  Order details  "));

        var page = definition.Pages[^1];
        Assert.Equal("Order details", page.Name);
        Assert.Equal("order-details", page.Handle);
        Assert.Equal(1, page.Order);
        Assert.Empty(page.Components);
        Assert.Equal(["Home", "Order details"], PageNamesInOrder(definition));
    }

    [Fact]
    public void D1_EditsLeaveTheOriginalDefinitionUnchanged()
    {
        // SPEC D1, V4: edits are pure so the user's change can be kept to retry
        var original = AppDefinition.Empty();

        ResultAssert.Ok(DefinitionEdits.AddPage(original, "Orders"));

        Assert.Single(original.Pages);
    }

    [Theory]
    [InlineData("Home")]
    [InlineData("home")]
    [InlineData(" HOME ")]
    public void D1_DuplicatePageNameIsRefusedIgnoringCase(string name)
    {
        // SPEC D1
        var result = DefinitionEdits.AddPage(AppDefinition.Empty(), name);

        ResultAssert.Failed(ResultStatus.Invalid, result, "pageName");
    }

    [Fact]
    public void D1_EmptyOrTooLongPageNameIsRefused()
    {
        // SPEC D1
        ResultAssert.Failed(ResultStatus.Invalid, DefinitionEdits.AddPage(AppDefinition.Empty(), "   "), "pageName");
        ResultAssert.Failed(ResultStatus.Invalid, DefinitionEdits.AddPage(AppDefinition.Empty(), new string('p', 51)), "pageName");
        ResultAssert.Ok(DefinitionEdits.AddPage(AppDefinition.Empty(), new string('p', 50)));
    }

    [Fact]
    public void D1_PageHandlesStayUnique()
    {
        // SPEC D1
        var definition = WithPages("Home!");

        Assert.Equal("home-2", Page(definition, "Home!").Handle);
    }

    [Fact]
    public void D1_RenamePageKeepsItsHandle()
    {
        // SPEC D1
        var definition = WithPages("Orders");
        var orders = Page(definition, "Orders");

        var renamed = ResultAssert.Ok(DefinitionEdits.RenamePage(definition, orders.Id, "Purchases"));

        var page = renamed.FindPage(orders.Id)!;
        Assert.Equal("Purchases", page.Name);
        Assert.Equal("orders", page.Handle);
    }

    [Fact]
    public void D1_RenamePageToAnotherPagesNameIsRefused()
    {
        // SPEC D1
        var definition = WithPages("Orders");

        var result = DefinitionEdits.RenamePage(definition, Page(definition, "Orders").Id, "HOME");

        ResultAssert.Failed(ResultStatus.Invalid, result, "pageName");
    }

    [Fact]
    public void D1_RenamePageToItsOwnNameInOtherCaseIsAllowed()
    {
        // SPEC D1
        var definition = WithPages("Orders");

        var renamed = ResultAssert.Ok(DefinitionEdits.RenamePage(definition, Page(definition, "Orders").Id, "ORDERS"));

        Assert.Equal(["Home", "ORDERS"], PageNamesInOrder(renamed));
    }

    [Fact]
    public void D1_DeletePageRemovesItAndRenumbersTheRest()
    {
        // SPEC D1
        var definition = WithPages("Orders", "Customers");

        var changed = ResultAssert.Ok(DefinitionEdits.DeletePage(definition, Page(definition, "Orders").Id));

        Assert.Equal(["Home", "Customers"], PageNamesInOrder(changed));
        Assert.Equal([0, 1], changed.Pages.Select(p => p.Order));
    }

    [Fact]
    public void D1_LastPageCannotBeDeleted()
    {
        // SPEC D1
        var definition = AppDefinition.Empty();

        var result = DefinitionEdits.DeletePage(definition, definition.Pages[0].Id);

        ResultAssert.Failed(ResultStatus.Invalid, result);
        Assert.Single(definition.Pages);
    }

    [Fact]
    public void D1_UnknownPageIsNotFound()
    {
        // SPEC D1
        var definition = AppDefinition.Empty();

        Assert.Equal(ResultStatus.NotFound, DefinitionEdits.DeletePage(definition, "missing").Status);
        Assert.Equal(ResultStatus.NotFound, DefinitionEdits.RenamePage(definition, "missing", "x").Status);
        Assert.Equal(ResultStatus.NotFound, DefinitionEdits.AddComponent(definition, "missing", ComponentType.Text, out _).Status);
    }

    [Fact]
    public void D1_MovePageReordersOnePlace()
    {
        // SPEC D1
        var definition = WithPages("Orders", "Customers");

        var up = ResultAssert.Ok(DefinitionEdits.MovePage(definition, Page(definition, "Customers").Id, -1));
        var down = ResultAssert.Ok(DefinitionEdits.MovePage(definition, Page(definition, "Home").Id, +1));

        Assert.Equal(["Home", "Customers", "Orders"], PageNamesInOrder(up));
        Assert.Equal([0, 1, 2], up.Pages.Select(p => p.Order));
        Assert.Equal(["Orders", "Home", "Customers"], PageNamesInOrder(down));
    }

    [Fact]
    public void D1_MovePagePastEitherEndChangesNothing()
    {
        // SPEC D1
        var definition = WithPages("Orders");

        var first = ResultAssert.Ok(DefinitionEdits.MovePage(definition, Page(definition, "Home").Id, -1));
        var last = ResultAssert.Ok(DefinitionEdits.MovePage(definition, Page(definition, "Orders").Id, +1));

        Assert.Equal(["Home", "Orders"], PageNamesInOrder(first));
        Assert.Equal(["Home", "Orders"], PageNamesInOrder(last));
    }

    [Theory]
    [InlineData(ComponentType.Text, "text1")]
    [InlineData(ComponentType.Button, "button1")]
    [InlineData(ComponentType.TextInput, "textinput1")]
    [InlineData(ComponentType.Table, "table1")]
    [InlineData(ComponentType.Image, "image1")]
    public void T2_NewComponentIsNamedAfterItsTypeAndCounter(ComponentType type, string expectedName)
    {
        // SPEC T2, D1
        var (definition, added) = Add(AppDefinition.Empty(), "Home", type);

        Assert.Equal(expectedName, added.Name);
        Assert.Equal(type, added.Type);
        Assert.Equal(ComponentCatalog.DefaultProperties(type), added.Properties);
        Assert.Same(added, Assert.Single(definition.Pages[0].Components));
    }

    [Fact]
    public void T2_ComponentCounterIsUniqueAcrossTheWholeVersion()
    {
        // SPEC T2
        var definition = WithPages("Orders");
        (definition, var first) = Add(definition, "Home", ComponentType.Text);
        (definition, var second) = Add(definition, "Orders", ComponentType.Text);
        (definition, var third) = Add(definition, "Home", ComponentType.Text);
        (definition, var button) = Add(definition, "Orders", ComponentType.Button);

        Assert.Equal(["text1", "text2", "text3", "button1"], new[] { first.Name, second.Name, third.Name, button.Name });
        Assert.Equal([0, 1], Page(definition, "Home").Components.Select(c => c.Order));
    }

    [Fact]
    public void T2_NewComponentTakesTheLowestFreeCounter()
    {
        // SPEC T2
        var definition = WithPages("Orders");
        (definition, var text1) = Add(definition, "Home", ComponentType.Text);
        (definition, _) = Add(definition, "Orders", ComponentType.Text);
        definition = ResultAssert.Ok(DefinitionEdits.DeleteComponent(definition, Page(definition, "Home").Id, text1.Id));

        (_, var added) = Add(definition, "Orders", ComponentType.Text);

        Assert.Equal("text1", added.Name);
    }

    [Fact]
    public void T2_RenamedComponentKeepsItsNameTakenIgnoringCase()
    {
        // SPEC T2: a name is unique within the version whatever its case
        var (definition, text) = Add(AppDefinition.Empty(), "Home", ComponentType.Text);
        var home = definition.Pages[0].Id;
        definition = ResultAssert.Ok(DefinitionEdits.RenameComponent(definition, home, text.Id, "Button1"));

        (_, var button) = Add(definition, "Home", ComponentType.Button);

        Assert.Equal("button2", button.Name);
    }

    [Fact]
    public void T2_RenameComponentToATakenNameIsRefused()
    {
        // SPEC T2
        var definition = WithPages("Orders");
        (definition, _) = Add(definition, "Home", ComponentType.Text);
        (definition, var button) = Add(definition, "Orders", ComponentType.Button);

        var result = DefinitionEdits.RenameComponent(definition, Page(definition, "Orders").Id, button.Id, "TEXT1");

        ResultAssert.Failed(ResultStatus.Invalid, result, "componentName");
    }

    [Theory]
    [InlineData("1text")]
    [InlineData("my text")]
    [InlineData("a.b")]
    [InlineData("")]
    public void T2_ComponentNameMustBeAnIdentifier(string name)
    {
        // SPEC T2, D2: names are used in binding paths
        var (definition, text) = Add(AppDefinition.Empty(), "Home", ComponentType.Text);

        var result = DefinitionEdits.RenameComponent(definition, definition.Pages[0].Id, text.Id, name);

        ResultAssert.Failed(ResultStatus.Invalid, result, "componentName");
    }

    [Fact]
    public void D1_SetPropertyChangesOnlyThatComponent()
    {
        // SPEC D1
        var (definition, text1) = Add(AppDefinition.Empty(), "Home", ComponentType.Text);
        (definition, var text2) = Add(definition, "Home", ComponentType.Text);
        var home = definition.Pages[0].Id;

        var changed = ResultAssert.Ok(DefinitionEdits.SetProperty(definition, home, text1.Id, "text", "Hello {{constants.NAME}}"));

        var page = changed.FindPage(home)!;
        Assert.Equal("Hello {{constants.NAME}}", page.FindComponent(text1.Id)!.Property("text"));
        Assert.Equal("Text", page.FindComponent(text2.Id)!.Property("text"));
        Assert.Equal("Text", definition.FindPage(home)!.FindComponent(text1.Id)!.Property("text"));
    }

    [Fact]
    public void D1_SetPropertyOnUnknownComponentIsNotFound()
    {
        // SPEC D1
        var definition = AppDefinition.Empty();

        var result = DefinitionEdits.SetProperty(definition, definition.Pages[0].Id, "missing", "text", "x");

        Assert.Equal(ResultStatus.NotFound, result.Status);
    }

    [Fact]
    public void D1_DeleteComponentRemovesItAndRenumbers()
    {
        // SPEC D1, T2
        var (definition, text1) = Add(AppDefinition.Empty(), "Home", ComponentType.Text);
        (definition, _) = Add(definition, "Home", ComponentType.Button);
        (definition, _) = Add(definition, "Home", ComponentType.Image);
        var home = definition.Pages[0].Id;

        var changed = ResultAssert.Ok(DefinitionEdits.DeleteComponent(definition, home, text1.Id));

        var components = changed.FindPage(home)!.Components;
        Assert.Equal(["button1", "image1"], components.Select(c => c.Name));
        Assert.Equal([0, 1], components.Select(c => c.Order));
        Assert.Equal(ResultStatus.NotFound, DefinitionEdits.DeleteComponent(changed, home, text1.Id).Status);
    }

    [Fact]
    public void D1_MoveComponentReordersWithinItsPage()
    {
        // SPEC D1
        var (definition, _) = Add(AppDefinition.Empty(), "Home", ComponentType.Text);
        (definition, _) = Add(definition, "Home", ComponentType.Button);
        (definition, var table) = Add(definition, "Home", ComponentType.Table);
        var home = definition.Pages[0].Id;

        var up = ResultAssert.Ok(DefinitionEdits.MoveComponent(definition, home, table.Id, -1));
        var pastTheEnd = ResultAssert.Ok(DefinitionEdits.MoveComponent(definition, home, table.Id, +1));

        Assert.Equal(["text1", "table1", "button1"], up.FindPage(home)!.Components.OrderBy(c => c.Order).Select(c => c.Name));
        Assert.Equal([0, 1, 2], up.FindPage(home)!.Components.Select(c => c.Order));
        Assert.Equal(["text1", "button1", "table1"], pastTheEnd.FindPage(home)!.Components.OrderBy(c => c.Order).Select(c => c.Name));
    }
}
