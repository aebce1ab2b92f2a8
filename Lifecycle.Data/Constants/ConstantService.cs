using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Constants;

/// <summary>A constant as the constants page shows it. Secret values are never returned, only whether they are set (SPEC E5).</summary>
public sealed record ConstantView(int Id, string Name, bool IsSecret, IReadOnlyDictionary<DeploymentEnvironment, string> PlainValues, IReadOnlySet<DeploymentEnvironment> SetIn);

/// <summary>Use cases of the constants page (SPEC E4, E5), for holders of "manage constants".</summary>
public sealed class ConstantService(IDbContextFactory<LifecycleDbContext> dbFactory, SecretProtector secrets, AuditWriter audit, UseCaseRunner runner, DefinitionStore definitions)
{
    public const int MaxValueLength = 4000;

    /// <summary>Renames a constant; refused while a saved version binds to it (it cannot change, SPEC V5).</summary>
    public Task<Result> RenameAsync(Actor actor, int constantId, string newName, CancellationToken cancellationToken = default) =>
        runner.ChangeAsync(actor, UseCase.OnWorkspace(AuditActions.ConstantRenamed, Permission.ManageConstants), async context =>
        {
            var constant = await context.Db.Constants.FirstOrDefaultAsync(c => c.Id == constantId, cancellationToken);
            if (constant is null)
            {
                return Result.NotFound("This constant no longer exists.");
            }

            var trimmed = newName.Trim();
            context.Entry = context.Entry with { Details = $"Constant {constant.Name} to {trimmed}." };
            var error = Identifier.Validate(trimmed)
                ?? (await context.Db.Constants.AnyAsync(c => c.Name == trimmed && c.Id != constantId, cancellationToken) ? $"A constant named {trimmed} already exists." : null);
            if (error is not null)
            {
                return Result.Invalid(error, "name");
            }

            if (await InUseAsync(context.Db, constant.Name, cancellationToken) is { } refusal)
            {
                return refusal;
            }

            constant.Rename(trimmed);
            await context.Db.SaveChangesAsync(cancellationToken);
            return Result.Success();
        }, cancellationToken);

    /// <summary>Deletes a constant and its values; refused while a saved version binds to it.</summary>
    public Task<Result> DeleteAsync(Actor actor, int constantId, CancellationToken cancellationToken = default) =>
        runner.ChangeAsync(actor, UseCase.OnWorkspace(AuditActions.ConstantDeleted, Permission.ManageConstants), async context =>
        {
            var constant = await context.Db.Constants.FirstOrDefaultAsync(c => c.Id == constantId, cancellationToken);
            if (constant is null)
            {
                return Result.NotFound("This constant no longer exists.");
            }

            context.Entry = context.Entry with { Details = $"Constant {constant.Name}." };
            if (await InUseAsync(context.Db, constant.Name, cancellationToken) is { } refusal)
            {
                return refusal;
            }

            context.Db.Constants.Remove(constant);
            await context.Db.SaveChangesAsync(cancellationToken);
            return Result.Success();
        }, cancellationToken);

    private async Task<Result?> InUseAsync(LifecycleDbContext db, string name, CancellationToken cancellationToken)
    {
        var versions = await DefinitionUsage.SavedVersionsUsingAsync(db, definitions, references => references.Constants.Contains(name), cancellationToken);
        return versions.Count == 0 ? null : Result.Conflict(DefinitionUsage.InUseMessage($"The constant {name}", versions));
    }

    public async Task<Result<IReadOnlyList<ConstantView>>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await audit.AuthorizeAsync(db, actor, Permission.ManageConstants, new AuditEvent(AuditActions.ConstantsViewed), cancellationToken) is { } refusal)
        {
            return Result<IReadOnlyList<ConstantView>>.From(refusal);
        }

        var constants = await db.Constants.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
        return constants.Select(c => new ConstantView(
            c.Id,
            c.Name,
            c.IsSecret,
            c.IsSecret ? new Dictionary<DeploymentEnvironment, string>() : c.Values.ToDictionary(v => v.Environment, v => v.StoredValue),
            c.Values.Select(v => v.Environment).ToHashSet())).ToList();
    }

    public async Task<Result<int>> CreateAsync(Actor actor, string name, bool isSecret, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var what = new AuditEvent(AuditActions.ConstantCreated, Details: $"Constant {name.Trim()}{(isSecret ? " (secret)" : "")}.");
        if (await audit.AuthorizeAsync(db, actor, Permission.ManageConstants, what, cancellationToken) is { } refusal)
        {
            return Result<int>.From(refusal);
        }

        var trimmed = name.Trim();
        var error = Identifier.Validate(name)
            ?? (await db.Constants.AnyAsync(c => c.Name == trimmed, cancellationToken) ? $"A constant named {trimmed} already exists." : null);
        if (error is not null)
        {
            return await audit.RecordFailureAsync(actor, what, Result<int>.From(Result.Invalid(error, "name")));
        }

        var constant = new WorkspaceConstant(trimmed, isSecret);
        db.Constants.Add(constant);
        await audit.SaveAsync(db, actor, what, cancellationToken);
        return constant.Id;
    }

    /// <summary>Sets (or, with an empty value, clears) the value in one environment. A secret value is encrypted before it is stored.</summary>
    public async Task<Result> SetValueAsync(Actor actor, int constantId, DeploymentEnvironment environment, string? value, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var constant = await db.Constants.FirstOrDefaultAsync(c => c.Id == constantId, cancellationToken);
        // The value itself never reaches the audit log (SPEC E5).
        var what = new AuditEvent(AuditActions.ConstantValueSet, Environment: environment.ToString(), Details: $"Constant {constant?.Name ?? constantId.ToString()}{(string.IsNullOrEmpty(value) ? " cleared" : "")}.");
        if (await audit.AuthorizeAsync(db, actor, Permission.ManageConstants, what, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (constant is null)
        {
            return await audit.RecordFailureAsync(actor, what, Result.NotFound("This constant no longer exists."));
        }

        if (value is { Length: > MaxValueLength })
        {
            return await audit.RecordFailureAsync(actor, what, Result.Invalid($"A value has at most {MaxValueLength} characters.", "value"));
        }

        var stored = string.IsNullOrEmpty(value) ? null : constant.IsSecret ? secrets.Protect(value) : value;
        constant.SetStoredValue(environment, stored);
        await audit.SaveAsync(db, actor, what, cancellationToken);
        return Result.Success();
    }
}
