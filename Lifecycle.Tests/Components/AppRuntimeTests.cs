using System.Text.Json.Nodes;
using Bunit;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Queries;
using Lifecycle.Tests.Support;
using Lifecycle.Web.Features.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor.Services;

namespace Lifecycle.Tests.Components;

/// <summary>A running app (SPEC D2, D3, D5): bindings between components and a button's On click, rendered by the shared renderer.</summary>
public sealed class AppRuntimeTests
{
    // SPEC D5: the actions run in order; a query runs through the host's runner, by name
    [Fact]
    public async Task D5_A_click_runs_its_actions_in_order()
    {
        var (definition, _) = Definition();
        var asked = new List<QuerySelection>();
        var runtime = new AppRuntime(definition, selection =>
        {
            asked.Add(selection);
            return Task.FromResult<RenderData?>(Data(("items", """[{"name":"widget"}]""")));
        });
        var messages = new List<string>();
        runtime.MessageShown += messages.Add;

        await runtime.RunAsync(
        [
            new EventAction(EventActionKind.SetValue, "textinput1", "from {{constants.PLACE}}"),
            new EventAction(EventActionKind.RunQuery, "items", ""),
            new EventAction(EventActionKind.GoToPage, "second", ""),
            new EventAction(EventActionKind.ShowMessage, "", "Hi {{components.textinput1.value}} {{queries.items.data.0.name}}"),
        ]);

        Assert.Equal([QuerySelection.Named("items"), QuerySelection.OnPageOpen], asked);
        Assert.Equal("second", runtime.PageHandle);
        Assert.Equal(["Hi from  widget"], messages); // PLACE is not a known constant: it renders empty (SPEC D2)
    }

    // SPEC D2: an action naming what no longer exists does nothing
    [Fact]
    public async Task D2_Actions_whose_target_is_gone_do_nothing()
    {
        var (definition, _) = Definition();
        var asked = 0;
        var runtime = new AppRuntime(definition, _ => { asked++; return Task.FromResult<RenderData?>(null); });

        await runtime.RunAsync([new EventAction(EventActionKind.RunQuery, "deleted", ""), new EventAction(EventActionKind.GoToPage, "gone", "")]);

        Assert.Equal(0, asked);
        Assert.Equal("home", runtime.PageHandle);
    }

    // SPEC D2, D3: typing in an input changes the text bound to it, live; clicking a table row selects it
    [Fact]
    public async Task D2_Components_read_each_others_values_as_the_user_types_and_clicks()
    {
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        var (definition, _) = Definition();
        var runtime = new AppRuntime(definition, _ => Task.FromResult<RenderData?>(Data(("items", """[{"name":"widget"},{"name":"gadget"}]"""))));
        await runtime.RunQueriesAsync(QuerySelection.All);

        var cut = ctx.Render<AppView>(p => p.Add(x => x.Runtime, runtime));
        await cut.Find("[data-testid=component-textinput1] input").InputAsync(new ChangeEventArgs { Value = "Ann" });
        await cut.FindAll("[data-testid=table-table1] tbody tr")[1].ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Equal("Hello Ann, gadget", cut.Find("[data-testid=component-text1]").TextContent.Trim()));
    }

    /// <summary>Two pages; Home has an input, a text bound to it and to the table's selected row, and a table of the query's rows.</summary>
    private static (AppDefinition Definition, string PageId) Definition()
    {
        var definition = ResultAssert.Ok(DefinitionEdits.AddPage(AppDefinition.Empty(), "Second"));
        definition = ResultAssert.Ok(DefinitionEdits.AddQuery(definition, "items", "catalog"));
        var page = definition.Pages[0].Id;
        definition = ResultAssert.Ok(DefinitionEdits.AddComponent(definition, page, ComponentType.TextInput, out _));
        definition = ResultAssert.Ok(DefinitionEdits.AddComponent(definition, page, ComponentType.Text, out var text));
        definition = ResultAssert.Ok(DefinitionEdits.SetProperty(definition, page, text!.Id, "text", "Hello {{components.textinput1.value}}, {{components.table1.selectedRow.name}}"));
        definition = ResultAssert.Ok(DefinitionEdits.AddComponent(definition, page, ComponentType.Table, out var table));
        definition = ResultAssert.Ok(DefinitionEdits.SetProperty(definition, page, table!.Id, "data", "{{queries.items.data}}"));
        return (definition, page);
    }

    private static RenderData Data(params (string Query, string Json)[] results) =>
        new(DeploymentEnvironment.Development, new Dictionary<string, string>(), results.ToDictionary(r => r.Query, r => new QueryOutcome(JsonNode.Parse(r.Json), null)));
}
