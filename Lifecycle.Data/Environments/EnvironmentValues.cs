using Lifecycle.Data.Constants;
using Lifecycle.Data.DataSources;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Environments;

/// <summary>
/// The constants and data sources of one environment, as queries and bindings use them (SPEC E4).
/// Secrets are decrypted only here, on the server, for queries (SPEC E5); <see cref="PlainConstants"/> is what
/// component bindings, which reach the browser, may see.
/// </summary>
public sealed class EnvironmentValues
{
    private EnvironmentValues(DeploymentEnvironment environment, IReadOnlyDictionary<string, string> allConstants, IReadOnlyDictionary<string, string> plainConstants, IReadOnlySet<string> secretNames, IReadOnlyDictionary<string, (DataSource Source, DataSourceSettings? Settings)> dataSources)
    {
        Environment = environment;
        AllConstants = allConstants;
        PlainConstants = plainConstants;
        SecretNames = secretNames;
        DataSources = dataSources;
    }

    public DeploymentEnvironment Environment { get; }

    /// <summary>Plain and secret constants, decrypted: for server-side query options only.</summary>
    internal IReadOnlyDictionary<string, string> AllConstants { get; }

    public IReadOnlyDictionary<string, string> PlainConstants { get; }

    /// <summary>The names of every secret constant, with or without a value here (SPEC E5: refused outside data source settings).</summary>
    internal IReadOnlySet<string> SecretNames { get; }

    /// <summary>The decrypted secret values of this environment: what the responses are masked for (SPEC E5).</summary>
    internal IEnumerable<string> SecretValues => AllConstants.Where(c => SecretNames.Contains(c.Key)).Select(c => c.Value);

    internal IReadOnlyDictionary<string, (DataSource Source, DataSourceSettings? Settings)> DataSources { get; }

    internal static async Task<EnvironmentValues> LoadAsync(LifecycleDbContext db, SecretProtector secrets, DeploymentEnvironment environment, CancellationToken cancellationToken)
    {
        var constants = await db.Constants.AsNoTracking().ToListAsync(cancellationToken);
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        var plain = new Dictionary<string, string>(StringComparer.Ordinal);
        var secretNames = constants.Where(c => c.IsSecret).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var constant in constants)
        {
            if (constant.Values.FirstOrDefault(v => v.Environment == environment) is not { } value)
            {
                continue;
            }

            all[constant.Name] = constant.IsSecret ? secrets.Unprotect(value.StoredValue) : value.StoredValue;
            if (!constant.IsSecret)
            {
                plain[constant.Name] = value.StoredValue;
            }
        }

        var sources = await db.DataSources.AsNoTracking().ToListAsync(cancellationToken);
        var dataSources = sources.ToDictionary(s => s.Name, s => (s, s.SettingsFor(environment)), StringComparer.Ordinal);
        return new EnvironmentValues(environment, all, plain, secretNames, dataSources);
    }

    /// <summary>SPEC E3: the names the definition uses that have no value in this environment.</summary>
    public IReadOnlyList<string> MissingFor(AppDefinition definition) => MissingFor(DefinitionReferences.Of(definition));

    /// <inheritdoc cref="MissingFor(AppDefinition)"/>
    public IReadOnlyList<string> MissingFor(DefinitionReferences references)
    {
        var missingConstants = references.Constants.Where(name => !AllConstants.ContainsKey(name)).Order().Select(name => $"constant {name}");
        var missingSources = references.DataSources
            .Where(name => !DataSources.TryGetValue(name, out var found) || found.Settings?.IsConfiguredFor(found.Source.Kind) != true)
            .Order()
            .Select(name => $"data source {name}");
        return [.. missingConstants, .. missingSources];
    }
}
