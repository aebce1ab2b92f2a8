namespace Lifecycle.Data.Events;

/// <summary>
/// What changed in an app, for live updates of everyone who has it open (SPEC V10). It names who acted and, for a change
/// of a version, its new revision, so an editor can tell its own echo from someone else's change.
/// </summary>
public sealed record AppChange(int AppId, string Kind, string ActorId, string ActorName, int? VersionId = null, int? Revision = null);

/// <summary>The kinds of <see cref="AppChange"/>, so listeners can pick the ones that concern them.</summary>
public static class AppChangeKinds
{
    public const string Created = "created";
    public const string VersionCreated = "version-created";
    public const string DefinitionChanged = "definition-changed";
    public const string Saved = "saved";
    public const string VersionRenamed = "version-renamed";
    public const string VersionDeleted = "version-deleted";
    public const string Promoted = "promoted";

    /// <summary>A release or rollback: what end users get has changed.</summary>
    public const string Released = "released";

    /// <summary>The app's address, visibility or maintenance mode changed (SPEC S1, S2, S5): open end-user pages reload.</summary>
    public const string SharingChanged = "sharing-changed";
}

/// <summary>Which changes a listener hears when several instances share a database (decision 031).</summary>
public enum AppChangeOrigin
{
    /// <summary>Every change, made on any instance: what open pages need (SPEC V10).</summary>
    AnyInstance,

    /// <summary>Only changes made on this instance: for work that the instance making a change does once (GitSync's auto-commit).</summary>
    ThisInstance,
}

/// <summary>Tells open editors and pages that an app changed. Published after the change has committed.</summary>
public interface IAppChangeNotifier
{
    void Publish(AppChange change);

    /// <summary>Starts listening; dispose the returned handle to stop.</summary>
    IDisposable Subscribe(Action<AppChange> listener, AppChangeOrigin origin = AppChangeOrigin.AnyInstance);
}

/// <summary>In-process notifier: every circuit of this server instance hears every change at once. With one instance, every change is this instance's own.</summary>
public sealed class InProcessAppChangeNotifier : IAppChangeNotifier
{
    private readonly Lock _gate = new();
    private readonly List<Action<AppChange>> _listeners = [];

    public void Publish(AppChange change)
    {
        Action<AppChange>[] listeners;
        lock (_gate)
        {
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            listener(change);
        }
    }

    public IDisposable Subscribe(Action<AppChange> listener, AppChangeOrigin origin = AppChangeOrigin.AnyInstance)
    {
        lock (_gate)
        {
            _listeners.Add(listener);
        }

        return new Subscription(() =>
        {
            lock (_gate)
            {
                _listeners.Remove(listener);
            }
        });
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? _unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
    }
}
