namespace Lifecycle.Data.Versions;

/// <summary>The stored state of a version. "Released" is not stored here: it is the app's pointer (SPEC V6).</summary>
public enum VersionState
{
    Draft = 0,
    Saved = 1,
}

/// <summary>What users see of a version's state: its stored state, or Released when the app points at it.</summary>
public enum DisplayedVersionState
{
    Draft,
    Saved,
    Released,
}
