namespace Lifecycle.Data.GitSync;

/// <summary>Settings of the host (appsettings "GitSync"), not of the connection: where clones live and how long git may take.</summary>
public sealed class GitSyncOptions
{
    public const string SectionName = "GitSync";

    /// <summary>This instance's clones of the connected repository and the files that hand credentials to git.</summary>
    public string WorkDirectory { get; set; } = "data/gitsync";

    /// <summary>How long one git command that talks to the repository may take.</summary>
    public int NetworkTimeoutSeconds { get; set; } = 120;

    public string FullWorkDirectory => Path.GetFullPath(WorkDirectory);
}
