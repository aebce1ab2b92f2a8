using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Events;
using Lifecycle.Data.Persistence;
using Lifecycle.Data.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Data.Access;

/// <summary>
/// The one authorization path of the product (SPEC A2, A3, A4). Every use case runs through it: it opens the
/// operation's context, loads the actor's rights once, finds the app the use case acts on, checks the permission the
/// use case declares, records refusals and failures, commits a change together with its audit entry, and publishes
/// the change to open pages after the commit (SPEC V10). The rules of each use case stay in its body and its entities.
/// </summary>
public sealed class UseCaseRunner(IServiceScopeFactory scopes, AuditWriter audit, IAppChangeNotifier notifier, TimeProvider clock)
{
    /// <summary>
    /// A read: refused attempts are audited, other failures (not found, invalid) are only returned. An allowed read is
    /// audited, in an operation of its own, only when the use case says so (<see cref="UseCase.AuditedWhenRead"/>).
    /// </summary>
    public async Task<Result<T>> ReadAsync<T>(Actor? actor, UseCase useCase, Func<UseCaseContext, Task<Result<T>>> read, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifecycleDbContext>();
        var (context, refusal) = await AdmitAsync(db, scope.ServiceProvider, actor, useCase, cancellationToken);
        if (refusal is not null)
        {
            return await RecordRefusalAsync(actor, useCase, context, Result<T>.From(refusal));
        }

        var result = await read(context!);
        if (result.IsSuccess && useCase.AuditsAllowedReads)
        {
            await audit.RecordAsync(actor, context!.Entry, AuditOutcome.Allowed);
        }

        return await RecordRefusalAsync(actor, useCase, context, result);
    }

    /// <summary>
    /// A change: the body runs inside the change's transaction and returns its outcome; on success the audit entry is
    /// appended in the same transaction and committed, on failure the transaction rolls back and the failure is audited.
    /// </summary>
    public async Task<Result<T>> ChangeAsync<T>(Actor? actor, UseCase useCase, Func<UseCaseContext, Task<Result<T>>> change, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ChangeOnceAsync(actor, useCase, change, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < useCase.Attempts)
            {
                // A racing change won; start over on a fresh context, which sees it.
            }
        }
    }

    /// <inheritdoc cref="ChangeAsync{T}"/>
    public async Task<Result> ChangeAsync(Actor? actor, UseCase useCase, Func<UseCaseContext, Task<Result>> change, CancellationToken cancellationToken = default)
    {
        var outcome = await ChangeAsync<bool>(actor, useCase, async context =>
        {
            var result = await change(context);
            return result.IsSuccess ? true : Result<bool>.From(result);
        }, cancellationToken);
        return outcome.IsSuccess ? Result.Success() : new Result(outcome.Status, outcome.Error, outcome.Field);
    }

    private async Task<Result<T>> ChangeOnceAsync<T>(Actor? actor, UseCase useCase, Func<UseCaseContext, Task<Result<T>>> change, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifecycleDbContext>();
        // A failed change rolls back whole and is never continued, and SQLite keeps a transaction usable after a failed
        // statement anyway: the savepoint EF would wrap around every SaveChanges is two round trips for nothing (decision 034).
        db.Database.AutoSavepointsEnabled = false;
        UseCaseContext? context;
        Result<T> result;
        // Rights and target are read inside the change's transaction, so the check holds at the moment of the change.
        await using (var transaction = await audit.BeginAsync(db, cancellationToken))
        {
            (context, var refusal) = await AdmitAsync(db, scope.ServiceProvider, actor, useCase, cancellationToken, tracked: true);
            result = refusal is null ? await change(context!) : Result<T>.From(refusal);
            if (result.IsSuccess && useCase.AuditsAllowed)
            {
                await transaction.CommitAsync(actor, context!.Entry, AuditOutcome.Allowed, cancellationToken);
            }
            else if (result.IsSuccess)
            {
                await transaction.CommitUnauditedAsync(cancellationToken);
            }
        }

        if (!result.IsSuccess)
        {
            return await RecordFailureAsync(actor, useCase, context, result);
        }

        foreach (var published in context!.Changes)
        {
            notifier.Publish(published);
        }

        return result;
    }

    /// <summary>Finds the target and checks the declared permission at this moment (SPEC A3). No context when the target is gone.</summary>
    /// <param name="tracked">A change: a version target is loaded tracked, so the body's <c>Versions.FindAsync</c> costs no second query.</param>
    private async Task<(UseCaseContext? Context, Result? Refusal)> AdmitAsync(LifecycleDbContext db, IServiceProvider services, Actor? actor, UseCase useCase, CancellationToken cancellationToken, bool tracked = false)
    {
        var rights = actor is null ? UserRights.None : await AccessRules.LoadAsync(db, actor.UserId, cancellationToken);
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var target = await FindTargetAsync(db, useCase, nowUtc, tracked, cancellationToken);
        if (target is null)
        {
            return (null, useCase.Scope switch
            {
                UseCaseScope.Version => Result.NotFound("This version no longer exists."),
                UseCaseScope.AppAtSlug => Result.NotFound($"There is no app at /apps/{useCase.TargetSlug}."),
                _ => Result.NotFound("This app no longer exists."),
            });
        }

        var entry = new AuditEvent(useCase.Action, target.AppId, target.VersionId, target.VersionName, target.Environment?.ToString(),
            useCase.Scope == UseCaseScope.AppAtSlug ? $"/apps/{useCase.TargetSlug}" : null);
        var context = new UseCaseContext(db, services, actor, rights, target, nowUtc, entry);
        var allowed = useCase.Audience switch
        {
            UseCaseAudience.Anyone => true,
            UseCaseAudience.SignedInUsers => actor is not null,
            UseCaseAudience.Admins => actor is not null && rights.IsAdmin,
            _ => (actor is not null && useCase.AnyOf.Any(permission => rights.Has(permission, target.AppId)))
                || (useCase.OpenToAnyoneWhenPublic && target.AppIsPublic),
        };
        return allowed ? (context, null) : (context, Result.Forbidden(RefusalOf(useCase)));
    }

    private static string RefusalOf(UseCase useCase) =>
        useCase.Refusal ?? (useCase.AnyOf.Count > 0 ? AccessRules.Refusal(useCase.AnyOf[0]) : "Sign in first.");

    private static async Task<UseCaseTarget?> FindTargetAsync(LifecycleDbContext db, UseCase useCase, DateTime nowUtc, bool tracked, CancellationToken cancellationToken) =>
        useCase.Scope switch
        {
            UseCaseScope.Version when tracked => await db.Versions.Where(v => v.Id == useCase.TargetId)
                .FirstOrDefaultAsync(cancellationToken) is { } version ? new UseCaseTarget(version.AppId, version.Id, version.Name, version.Environment, false, null) : null,
            UseCaseScope.Version => await db.Versions.AsNoTracking().Where(v => v.Id == useCase.TargetId)
                .Select(v => new UseCaseTarget(v.AppId, v.Id, v.Name, v.Environment, false, null)).FirstOrDefaultAsync(cancellationToken),
            UseCaseScope.App => await db.Apps.AsNoTracking().Where(a => a.Id == useCase.TargetId)
                .Select(a => new UseCaseTarget(a.Id, null, null, null, a.IsPublic, a.Slug)).FirstOrDefaultAsync(cancellationToken),
            UseCaseScope.AppAtSlug => await AppAddresses.FindAsync(db, useCase.TargetSlug, nowUtc, cancellationToken) is { } address
                ? new UseCaseTarget(address.AppId, null, null, null, address.IsPublic, address.Slug)
                : null,
            _ => UseCaseTarget.Workspace,
        };

    private async Task<Result<T>> RecordFailureAsync<T>(Actor? actor, UseCase useCase, UseCaseContext? context, Result<T> result) =>
        IsVisitorSentToSignIn(actor, result) ? result
        : await audit.RecordFailureAsync(actor, context?.Entry ?? new AuditEvent(useCase.Action, Details: Describe(useCase)), result);

    private async Task<Result<T>> RecordRefusalAsync<T>(Actor? actor, UseCase useCase, UseCaseContext? context, Result<T> result) =>
        IsVisitorSentToSignIn(actor, result) ? result
        : await audit.RecordRefusalAsync(actor, context?.Entry ?? new AuditEvent(useCase.Action, Details: Describe(useCase)), result);

    /// <summary>
    /// A visitor who is not signed in and is refused is sent to sign in, as every page that needs an account does before
    /// any use case runs; it is not an entry of the audit log, which would otherwise grow by one row per anonymous
    /// request to a private app's address (decision 027).
    /// </summary>
    private static bool IsVisitorSentToSignIn(Actor? actor, Result result) => actor is null && result.Status == ResultStatus.Forbidden;

    private static string? Describe(UseCase useCase) => useCase.Scope switch
    {
        UseCaseScope.Workspace => null,
        UseCaseScope.AppAtSlug => $"/apps/{useCase.TargetSlug}",
        _ => $"{useCase.Scope} {useCase.TargetId}.",
    };
}
