using System.Text.Json;
using Lifecycle.Data.Constants;
using Lifecycle.Data.DataSources;
using Lifecycle.Data.Environments;

namespace Lifecycle.Data.GitSync;

/// <summary>A constant as GitSync writes it: plain values per environment; a secret one only says where it is set (SPEC E5, G3).</summary>
public sealed record ConstantRecord(string Name, bool Secret, IReadOnlyDictionary<DeploymentEnvironment, string> Values, IReadOnlyList<DeploymentEnvironment> SetIn);

/// <summary>A data source as GitSync writes it: its kind and, per environment, the options that are not secret.</summary>
public sealed record DataSourceRecord(string Name, DataSourceKind Kind, IReadOnlyDictionary<DeploymentEnvironment, DataSourceOptionsRecord> Environments);

/// <summary>
/// One environment's options without secrets: the bearer token only as "set" (<see cref="HasBearerToken"/>), and the
/// values of headers that carry credentials withheld (<see cref="WithheldHeaders"/> names them).
/// </summary>
public sealed record DataSourceOptionsRecord(string? BaseUrl, IReadOnlyDictionary<string, string>? Headers, IReadOnlyList<string>? WithheldHeaders, bool HasBearerToken, string? StaticJson);

/// <summary>The data source and constant definitions of a workspace, secrets stripped.</summary>
public sealed record WorkspaceValuesSnapshot(IReadOnlyList<DataSourceRecord> DataSources, IReadOnlyList<ConstantRecord> Constants)
{
    public static readonly WorkspaceValuesSnapshot Empty = new([], []);

    /// <summary>
    /// Only the named data sources and constants (what an exported or pulled app uses), plus the constants those data
    /// sources' options bind to, such as a header <c>{{constants.API_KEY}}</c>.
    /// </summary>
    public WorkspaceValuesSnapshot Only(IReadOnlySet<string> dataSources, IReadOnlySet<string> constants)
    {
        var sources = DataSources.Where(d => dataSources.Contains(d.Name)).ToList();
        var boundInSources = sources.SelectMany(s => s.Environments.Values)
            .SelectMany(o => new[] { o.BaseUrl ?? "" }.Concat(o.Headers?.Values ?? []))
            .SelectMany(Definitions.Bindings.Paths)
            .Where(path => path.StartsWith("constants.", StringComparison.Ordinal))
            .Select(path => path.Split('.')[1]);
        var wanted = constants.Concat(boundInSources).ToHashSet(StringComparer.Ordinal);
        return new([.. sources], [.. Constants.Where(c => wanted.Contains(c.Name))]);
    }
}

/// <summary>
/// SPEC E5, G3: what of a data source or constant may leave the instance. Secret constants' values, bearer tokens and
/// the values of credential headers never do; everything else is written per environment.
/// </summary>
public static class SecretStripping
{
    private static readonly string[] CredentialHeaderWords = ["authorization", "cookie", "token", "secret", "password", "passwd", "apikey", "api-key", "api_key", "credential", "signature", "session"];

    public static ConstantRecord Strip(WorkspaceConstant constant) => new(
        constant.Name,
        constant.IsSecret,
        constant.IsSecret ? new Dictionary<DeploymentEnvironment, string>() : constant.Values.ToDictionary(v => v.Environment, v => v.StoredValue),
        [.. constant.Values.Select(v => v.Environment).Order()]);

    public static DataSourceRecord Strip(DataSource source) => new(
        source.Name,
        source.Kind,
        source.Settings.OrderBy(s => s.Environment).ToDictionary(s => s.Environment, Strip));

    private static DataSourceOptionsRecord Strip(DataSourceSettings settings)
    {
        var (headers, withheld) = StripHeaders(settings.HeadersJson);
        return new DataSourceOptionsRecord(settings.BaseUrl, headers, withheld, settings.ProtectedBearerToken is not null, settings.StaticJson);
    }

    /// <summary>
    /// A header whose name says it carries a credential (Authorization, Cookie, X-Api-Key, anything with "token",
    /// "secret", "password", ...) keeps its value only when that value is nothing but bindings such as
    /// <c>{{constants.API_TOKEN}}</c>: a reference, not the secret itself.
    /// </summary>
    public static (IReadOnlyDictionary<string, string>? Headers, IReadOnlyList<string>? Withheld) StripHeaders(string? headersJson)
    {
        if (string.IsNullOrWhiteSpace(headersJson))
        {
            return (null, null);
        }

        Dictionary<string, string> all;
        try
        {
            all = JsonSerializer.Deserialize<Dictionary<string, string>>(headersJson) ?? [];
        }
        catch (JsonException)
        {
            return (null, null); // not what the data sources page stores; write nothing rather than guess
        }

        var kept = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var withheld = new List<string>();
        foreach (var (name, value) in all)
        {
            if (IsCredentialHeader(name) && !IsOnlyBindings(value))
            {
                withheld.Add(name);
            }
            else
            {
                kept[name] = value;
            }
        }

        return (kept.Count == 0 ? null : kept, withheld.Count == 0 ? null : [.. withheld.Order(StringComparer.Ordinal)]);
    }

    public static bool IsCredentialHeader(string name)
    {
        var lower = name.ToLowerInvariant();
        return CredentialHeaderWords.Any(lower.Contains);
    }

    private static bool IsOnlyBindings(string value) =>
        System.Text.RegularExpressions.Regex.Replace(value, @"\{\{[^{}]*\}\}", "").Trim().Length == 0 && value.Contains("{{", StringComparison.Ordinal);
}

/// <summary>The files of the workspace's data sources and constants under <c>_workspace/</c>, and reading them back.</summary>
public static class WorkspaceValuesFiles
{
    public static IReadOnlyDictionary<string, string> Write(WorkspaceValuesSnapshot values)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in values.DataSources)
        {
            files[RepositoryLayout.DataSourcePath(source.Name)] = GitSyncJson.Write(source);
        }

        foreach (var constant in values.Constants)
        {
            files[RepositoryLayout.ConstantPath(constant.Name)] = GitSyncJson.Write(constant);
        }

        return files;
    }

    public static WorkspaceValuesSnapshot Read(IReadOnlyDictionary<string, string> files, List<string> problems)
    {
        var sources = new List<DataSourceRecord>();
        var constants = new List<ConstantRecord>();
        foreach (var (path, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            try
            {
                if (path.StartsWith(RepositoryLayout.DataSourcesFolder + "/", StringComparison.Ordinal))
                {
                    sources.Add(GitSyncJson.Read<DataSourceRecord>(text));
                }
                else if (path.StartsWith(RepositoryLayout.ConstantsFolder + "/", StringComparison.Ordinal))
                {
                    constants.Add(GitSyncJson.Read<ConstantRecord>(text));
                }
            }
            catch (JsonException exception)
            {
                problems.Add($"{path} cannot be read: {exception.Message}");
            }
        }

        return new WorkspaceValuesSnapshot(sources, constants);
    }

    /// <summary>
    /// Multi-instance (SPEC G5): this instance's definition written over the repository's. Per environment, our value
    /// wins where we have one and the repository's stays where we have none, so a development instance does not erase
    /// the production values a production instance wrote.
    /// </summary>
    public static string MergeText(string path, string ours, string? theirs)
    {
        if (theirs is null)
        {
            return ours;
        }

        try
        {
            if (path.StartsWith(RepositoryLayout.DataSourcesFolder + "/", StringComparison.Ordinal))
            {
                var mine = GitSyncJson.Read<DataSourceRecord>(ours);
                var recorded = GitSyncJson.Read<DataSourceRecord>(theirs);
                var merged = recorded.Kind == mine.Kind ? Union(recorded.Environments, mine.Environments) : mine.Environments;
                return GitSyncJson.Write(mine with { Environments = merged });
            }

            var constant = GitSyncJson.Read<ConstantRecord>(ours);
            var other = GitSyncJson.Read<ConstantRecord>(theirs);
            return constant.Secret != other.Secret
                ? ours
                : GitSyncJson.Write(constant with
                {
                    Values = Union(other.Values, constant.Values),
                    SetIn = [.. other.SetIn.Union(constant.SetIn).Order()],
                });
        }
        catch (JsonException)
        {
            return ours;
        }
    }

    private static Dictionary<DeploymentEnvironment, T> Union<T>(IReadOnlyDictionary<DeploymentEnvironment, T> theirs, IReadOnlyDictionary<DeploymentEnvironment, T> ours)
    {
        var merged = theirs.ToDictionary(p => p.Key, p => p.Value);
        foreach (var (environment, value) in ours)
        {
            merged[environment] = value;
        }

        return merged;
    }
}
