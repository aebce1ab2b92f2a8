using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Versions;
using Lifecycle.Tests.Support;
using static Lifecycle.Tests.Support.VersionBuilder;

namespace Lifecycle.Tests.Domain;

public sealed class AppVersionTests
{
    private static readonly string OtherHash = new('b', 64);

    [Fact]
    public void V1_FirstVersionIsDraftV1InDevelopment()
    {
        // SPEC V1
        var version = AppVersion.First(appId: 3, new string('a', 64), "user-ann", "Ann", Noon);

        Assert.Equal("v1", version.Name);
        Assert.Equal(VersionState.Draft, version.State);
        Assert.Equal(DeploymentEnvironment.Development, version.Environment);
        Assert.Null(version.ParentVersionId);
        Assert.Null(version.Description);
        Assert.Equal(1, version.Revision);
    }

    [Fact]
    public void V1_EmptyDefinitionHasOnlyAnEmptyHomePage()
    {
        // SPEC V1
        var definition = AppDefinition.Empty();

        var page = Assert.Single(definition.Pages);
        Assert.Equal("Home", page.Name);
        Assert.Equal("home", page.Handle);
        Assert.Equal(0, page.Order);
        Assert.Empty(page.Components);
        Assert.Empty(definition.Queries);
        Assert.Equal(AppDefinition.CurrentSchemaVersion, definition.SchemaVersion);
    }

    [Fact]
    public void V2_CreatedVersionIsDraftInDevelopmentWithSourceDefinitionAndParent()
    {
        // SPEC V2
        var source = ASavedVersion().WithDefinitionHash(OtherHash).Build();

        var created = AppVersion.CreateFrom(source, "  feature x  ", "user-ben", "Ben", Noon);

        Assert.Equal("feature x", created.Name);
        Assert.Equal(VersionState.Draft, created.State);
        Assert.Equal(DeploymentEnvironment.Development, created.Environment);
        Assert.Equal(OtherHash, created.DefinitionHash);
        Assert.Equal(source.Id, created.ParentVersionId);
        Assert.Equal(source.AppId, created.AppId);
    }

    [Fact]
    public void V4_ChangeDefinitionOnCurrentRevisionIsAccepted()
    {
        // SPEC V4
        var version = ADraft().Build();

        var result = version.ChangeDefinition(OtherHash, baseRevision: 1, "user-ben", "Ben", Noon.AddMinutes(5));

        ResultAssert.Ok(result);
        Assert.Equal(OtherHash, version.DefinitionHash);
        Assert.Equal(2, version.Revision);
        Assert.Equal("Ben", version.UpdatedByName);
    }

    [Fact]
    public void V4_ChangeDefinitionWithStaleRevisionIsRefusedNamingWhoChangedIt()
    {
        // SPEC V4
        var version = ADraft().By("user-ann", "Ann").Build();
        ResultAssert.Ok(version.ChangeDefinition(new string('c', 64), baseRevision: 1, "user-ann", "Ann", Noon.AddMinutes(1)));

        var result = version.ChangeDefinition(OtherHash, baseRevision: 1, "user-ben", "Ben", Noon.AddMinutes(2));

        ResultAssert.Failed(ResultStatus.Conflict, result);
        Assert.Contains("Ann", result.Error);
        Assert.DoesNotContain("Ben", result.Error);
        Assert.Equal(new string('c', 64), version.DefinitionHash);
        Assert.Equal(2, version.Revision);
        Assert.Equal("Ann", version.UpdatedByName);
    }

    [Fact]
    public void V5_SaveTurnsDraftIntoSavedWithTrimmedDescription()
    {
        // SPEC V5
        var version = ADraft().Build();

        var result = version.Save("  First cut  ", "user-ann", "Ann", Noon.AddHours(1));

        ResultAssert.Ok(result);
        Assert.Equal(VersionState.Saved, version.State);
        Assert.Equal("First cut", version.Description);
        Assert.Equal(Noon.AddHours(1), version.SavedAtUtc);
    }

    [Fact]
    public void V5_SaveWithoutDescriptionIsAllowed()
    {
        // SPEC V5
        var version = ADraft().Build();

        ResultAssert.Ok(version.Save("   ", "user-ann", "Ann", Noon));

        Assert.Equal(VersionState.Saved, version.State);
        Assert.Null(version.Description);
    }

    [Fact]
    public void V5_DescriptionOfAtMost500CharactersIsAccepted()
    {
        // SPEC V5
        var version = ADraft().Build();

        ResultAssert.Ok(version.Save(new string('d', 500), "user-ann", "Ann", Noon));

        Assert.Equal(500, version.Description!.Length);
    }

    [Fact]
    public void V5_DescriptionLongerThan500CharactersIsRefusedAndVersionStaysDraft()
    {
        // SPEC V5
        var version = ADraft().Build();

        var result = version.Save(new string('d', 501), "user-ann", "Ann", Noon);

        ResultAssert.Failed(ResultStatus.Invalid, result, "description");
        Assert.Equal(VersionState.Draft, version.State);
        Assert.Null(version.Description);
    }

    [Fact]
    public void V5_SavedVersionRefusesDefinitionChange()
    {
        // SPEC V5
        var version = ASavedVersion().Build();
        var before = (version.DefinitionHash, version.Revision);

        var result = version.ChangeDefinition(OtherHash, version.Revision, "user-ben", "Ben", Noon.AddHours(2));

        ResultAssert.Failed(ResultStatus.Conflict, result);
        Assert.Equal(before, (version.DefinitionHash, version.Revision));
    }

    [Fact]
    public void V5_SavedVersionRefusesRename()
    {
        // SPEC V5
        var version = ASavedVersion().Named("release 1").Build();

        var result = version.Rename("release 2", "user-ben", "Ben", Noon.AddHours(2));

        ResultAssert.Failed(ResultStatus.Conflict, result);
        Assert.Equal("release 1", version.Name);
    }

    [Fact]
    public void V5_SavedVersionRefusesSecondSave()
    {
        // SPEC V5
        var version = ASavedVersion().Described("original").Build();

        var result = version.Save("changed", "user-ben", "Ben", Noon.AddHours(2));

        ResultAssert.Failed(ResultStatus.Conflict, result);
        Assert.Equal("original", version.Description);
        Assert.Equal(Noon.AddMinutes(1), version.SavedAtUtc);
    }

    [Fact]
    public void V9_DraftCanBeRenamedWithTrimmedName()
    {
        // SPEC V9
        var version = ADraft().Named("draft").Build();

        ResultAssert.Ok(version.Rename("  Checkout v2  ", "user-ben", "Ben", Noon.AddHours(1)));

        Assert.Equal("Checkout v2", version.Name);
        Assert.Equal("CHECKOUT V2", version.NameKey);
        Assert.Equal("Ben", version.UpdatedByName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad/name")]
    public void V9_RenameFollowsVersionNameRules(string newName)
    {
        // SPEC V9, V2
        var version = ADraft().Named("draft").Build();

        var result = version.Rename(newName, "user-ben", "Ben", Noon.AddHours(1));

        ResultAssert.Failed(ResultStatus.Invalid, result, "name");
        Assert.Equal("draft", version.Name);
    }
}
