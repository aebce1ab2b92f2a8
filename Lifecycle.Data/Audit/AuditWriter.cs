using Lifecycle.Data.Access;
using Lifecycle.Data.Common;
using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Lifecycle.Data.Audit;

/// <summary>What a use case did, for the audit log. The writer fills the app, version name and environment from the version when they are left out.</summary>
public sealed record AuditEvent(string Action, int? AppId = null, int? VersionId = null, string? VersionName = null, string? Environment = null, string? Details = null);

/// <summary>
/// Appends to the audit log (SPEC A4). It records, it does not decide: rights are checked by <see cref="UseCaseRunner"/>.
/// An allowed action's entry is written by the same transaction as the change (<see cref="BeginAsync"/>); a refused or
/// failed attempt gets its own operation.
/// Appends are serialized: the writer is a singleton whose gate is held from reading the last hash to the commit,
/// so the chain stays linear. The gate crosses processes through the database: SQLite takes its write lock at the
/// transaction's start, PostgreSQL an advisory lock held until the commit (decision 030), so the changes of several
/// instances on one database run one at a time as well.
/// </summary>
public sealed class AuditWriter(IDbContextFactory<LifecycleDbContext> dbFactory, TimeProvider clock)
{
    public const string AnonymousName = "anonymous";

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Opens the transaction of a change that ends with its audit entry (<see cref="AuditTransaction.CommitAsync"/>).</summary>
    public async Task<AuditTransaction> BeginAsync(LifecycleDbContext db, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                if (db.Database.IsNpgsql())
                {
                    await Persistence.Postgres.PostgresLocks.TakeWriteGateAsync(db.Database, cancellationToken);
                }
            }
            catch
            {
                await transaction.DisposeAsync();
                throw;
            }

            return new AuditTransaction(this, db, transaction);
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    /// <summary>Records a refused (Forbidden) or otherwise failed attempt, then hands the result back.</summary>
    public async Task<TResult> RecordFailureAsync<TResult>(Actor? actor, AuditEvent what, TResult result)
        where TResult : Result
    {
        if (!result.IsSuccess)
        {
            await RecordAsync(actor, what with { Details = result.Error }, result.Status == ResultStatus.Forbidden ? AuditOutcome.Refused : AuditOutcome.Failed);
        }

        return result;
    }

    /// <summary>Records a refused attempt only (for reads, whose other failures are not worth an entry).</summary>
    public Task<TResult> RecordRefusalAsync<TResult>(Actor? actor, AuditEvent what, TResult result)
        where TResult : Result =>
        result.Status == ResultStatus.Forbidden ? RecordFailureAsync(actor, what, result) : Task.FromResult(result);

    /// <summary>An entry of its own operation (a refusal, a failure, or an action that changes nothing else).</summary>
    public async Task RecordAsync(Actor? actor, AuditEvent what, AuditOutcome outcome)
    {
        // Not cancellable: a refusal is recorded even when the caller has gone.
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await BeginAsync(db);
        await transaction.CommitAsync(actor, what, outcome);
    }

    internal void Release() => _gate.Release();

    internal async Task AppendAsync(LifecycleDbContext db, Actor? actor, AuditEvent what, AuditOutcome outcome, CancellationToken cancellationToken)
    {
        var facts = await FactsAsync(db, actor, what, cancellationToken);
        var previous = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id).Select(e => e.Hash).FirstOrDefaultAsync(cancellationToken)
            ?? AuditChain.Genesis;
        var entry = AuditEntry.Create(facts, outcome, clock.GetUtcNow().UtcDateTime, previous);
        db.AuditEntries.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            db.Entry(entry).State = EntityState.Detached; // a retry of the change appends a new entry
            throw;
        }
    }

    private static async Task<AuditFacts> FactsAsync(LifecycleDbContext db, Actor? actor, AuditEvent what, CancellationToken cancellationToken)
    {
        var (appId, versionName, environment) = (what.AppId, what.VersionName, what.Environment);
        if (what.VersionId is { } versionId && (appId is null || versionName is null || environment is null))
        {
            var version = await db.Versions.AsNoTracking().Where(v => v.Id == versionId)
                .Select(v => new { v.AppId, v.Name, v.Environment }).FirstOrDefaultAsync(cancellationToken);
            if (version is not null)
            {
                appId ??= version.AppId;
                versionName ??= version.Name;
                environment ??= version.Environment.ToString();
            }
        }

        return new AuditFacts(actor?.UserId, actor?.Name ?? AnonymousName, what.Action, appId, what.VersionId, versionName, environment, actor?.ClientIp, what.Details);
    }
}

/// <summary>A change's transaction, holding the audit gate until it commits or is disposed (rolled back).</summary>
public sealed class AuditTransaction : IAsyncDisposable
{
    private readonly AuditWriter _writer;
    private readonly LifecycleDbContext _db;
    private readonly IDbContextTransaction _transaction;
    private bool _disposed;

    internal AuditTransaction(AuditWriter writer, LifecycleDbContext db, IDbContextTransaction transaction)
    {
        _writer = writer;
        _db = db;
        _transaction = transaction;
    }

    public Task CommitAsync(Actor actor, AuditEvent what, CancellationToken cancellationToken = default) =>
        CommitAsync(actor, what, AuditOutcome.Allowed, cancellationToken);

    /// <summary>Commits a change that is not audited when allowed (autosave, decision 010).</summary>
    public async Task CommitUnauditedAsync(CancellationToken cancellationToken = default)
    {
        await _db.SaveChangesAsync(cancellationToken);
        await _transaction.CommitAsync(cancellationToken);
    }

    internal async Task CommitAsync(Actor? actor, AuditEvent what, AuditOutcome outcome, CancellationToken cancellationToken = default)
    {
        await _writer.AppendAsync(_db, actor, what, outcome, cancellationToken);
        await _transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Rolls back unless committed, and frees the gate; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await _transaction.DisposeAsync();
        }
        finally
        {
            _writer.Release();
        }
    }
}
