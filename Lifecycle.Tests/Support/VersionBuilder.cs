using Lifecycle.Data.Environments;
using Lifecycle.Data.Versions;

namespace Lifecycle.Tests.Support;

/// <summary>Builds <see cref="AppVersion"/> values in a given state through their public methods only.</summary>
public sealed class VersionBuilder
{
    public static readonly DateTime Noon = new(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);

    private string _name = AppVersion.FirstVersionName;
    private string _hash = new('a', 64);
    private string _authorId = "user-ann";
    private string _authorName = "Ann";
    private bool _saved;
    private string? _description;
    private DeploymentEnvironment _environment = DeploymentEnvironment.Development;

    public static VersionBuilder ADraft() => new();

    public static VersionBuilder ASavedVersion() => new() { _saved = true };

    public VersionBuilder Named(string name)
    {
        _name = name;
        return this;
    }

    public VersionBuilder WithDefinitionHash(string hash)
    {
        _hash = hash;
        return this;
    }

    public VersionBuilder By(string userId, string userName)
    {
        _authorId = userId;
        _authorName = userName;
        return this;
    }

    public VersionBuilder Described(string description)
    {
        _description = description;
        return this;
    }

    /// <summary>Saved and promoted step by step to <paramref name="environment"/> (SPEC E2).</summary>
    public VersionBuilder PromotedTo(DeploymentEnvironment environment)
    {
        _saved = true;
        _environment = environment;
        return this;
    }

    public static VersionBuilder AProductionVersion() => new VersionBuilder().PromotedTo(DeploymentEnvironment.Production);

    public AppVersion Build()
    {
        var first = AppVersion.First(appId: 7, _hash, _authorId, _authorName, Noon);
        var version = _name == AppVersion.FirstVersionName
            ? first
            : AppVersion.CreateFrom(first, _name, _authorId, _authorName, Noon);
        if (_saved)
        {
            ResultAssert.Ok(version.Save(_description, _authorId, _authorName, Noon.AddMinutes(1)));
        }

        while (version.Environment < _environment)
        {
            ResultAssert.Ok(version.PromoteTo(version.Environment + 1, _authorId, _authorName, Noon.AddMinutes(2)));
        }

        return version;
    }
}
