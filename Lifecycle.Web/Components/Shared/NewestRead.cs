namespace Lifecycle.Web.Components.Shared;

/// <summary>
/// Orders a page's overlapping reads. A read started by a change notice, a search or a page turn can finish before an
/// earlier one, whose older result must then not overwrite the newer: each read takes a ticket when it starts, and only
/// the newest ticket's result is shown.
/// </summary>
public sealed class NewestRead
{
    private long _newest;

    public long Start() => Interlocked.Increment(ref _newest);

    public bool IsNewest(long ticket) => Interlocked.Read(ref _newest) == ticket;
}
