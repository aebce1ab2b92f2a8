using Lifecycle.Data.Definitions;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Domain;

public sealed class DefinitionReferencesTests
{
    [Fact]
    public void E3_FindsConstantsInPropertiesAndQueryOptionsAndTheDataSourcesOfQueries()
    {
        // SPEC E3
        var definition = AppDefinition.Empty();
        var pageId = definition.Pages[0].Id;
        definition = ResultAssert.Ok(DefinitionEdits.AddComponent(definition, pageId, ComponentType.Text, out var text1));
        definition = ResultAssert.Ok(DefinitionEdits.SetProperty(definition, pageId, text1!.Id, "text", "{{constants.GREETING}}, {{ constants.NAME.first }} {{components.x.value}}"));
        definition = ResultAssert.Ok(DefinitionEdits.AddQuery(definition, "orders", "shop"));
        definition = ResultAssert.Ok(DefinitionEdits.SetQueryOption(definition, "orders", QueryOptions.QueryString, "key={{constants.API_KEY}}"));

        var references = DefinitionReferences.Of(definition);

        Assert.Equal(["API_KEY", "GREETING", "NAME"], references.Constants.Order());
        Assert.Equal(["shop"], references.DataSources);
    }

    [Fact]
    public void D1_QueriesHaveUniqueIdentifierNamesAndKnownMethods()
    {
        // SPEC D1
        var definition = ResultAssert.Ok(DefinitionEdits.AddQuery(AppDefinition.Empty(), "orders", "shop"));

        Assert.Equal("queryName", DefinitionEdits.AddQuery(definition, "ORDERS", "shop").Field);
        Assert.Equal("queryName", DefinitionEdits.AddQuery(definition, "1st", "shop").Field);
        Assert.Equal("method", DefinitionEdits.SetQueryOption(definition, "orders", QueryOptions.Method, "TRACE").Field);
        Assert.Equal("GET", definition.Queries[0].Options[QueryOptions.Method]);
    }
}
