using Lifecycle.Data.Environments;

namespace Lifecycle.Data.DataSources;

public enum DataSourceKind
{
    RestApi = 0,
    StaticJson = 1,
}

/// <summary>A named connection whose options have one value per environment (SPEC E4).</summary>
public sealed class DataSource : Common.INamedWorkspaceItem
{
    private readonly List<DataSourceSettings> _settings = [];

    private DataSource() { }

    public DataSource(string name, DataSourceKind kind)
    {
        Name = name.Trim();
        Kind = kind;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public DataSourceKind Kind { get; private set; }
    public IReadOnlyCollection<DataSourceSettings> Settings => _settings;

    /// <summary>Queries name their data source, so a new name must be an identifier; the caller checks uniqueness and use.</summary>
    void Common.INamedWorkspaceItem.Rename(string name) => Name = name.Trim();

    public DataSourceSettings? SettingsFor(DeploymentEnvironment environment) => _settings.Find(s => s.Environment == environment);

    internal DataSourceSettings GetOrAddSettings(DeploymentEnvironment environment)
    {
        var settings = SettingsFor(environment);
        if (settings is null)
        {
            settings = new DataSourceSettings(environment);
            _settings.Add(settings);
        }

        return settings;
    }
}

/// <summary>A data source's options in one environment. The bearer token is stored encrypted (SPEC E5).</summary>
public sealed class DataSourceSettings
{
    private DataSourceSettings() { }

    internal DataSourceSettings(DeploymentEnvironment environment)
    {
        Environment = environment;
    }

    public int DataSourceId { get; private set; }
    public DeploymentEnvironment Environment { get; private set; }
    public string? BaseUrl { get; private set; }

    /// <summary>Headers as a JSON object of strings; never secrets (use the bearer token or a secret constant).</summary>
    public string? HeadersJson { get; private set; }

    public string? ProtectedBearerToken { get; private set; }
    public string? StaticJson { get; private set; }

    /// <summary>Whether this environment has a value (SPEC E3): a base URL for REST, a document for static JSON.</summary>
    public bool IsConfiguredFor(DataSourceKind kind) => kind switch
    {
        DataSourceKind.RestApi => !string.IsNullOrWhiteSpace(BaseUrl),
        _ => !string.IsNullOrWhiteSpace(StaticJson),
    };

    internal void SetRest(string? baseUrl, string? headersJson) => (BaseUrl, HeadersJson) = (baseUrl, headersJson);

    internal void SetProtectedBearerToken(string? cipher) => ProtectedBearerToken = cipher;

    internal void SetStaticJson(string? json) => StaticJson = json;
}
