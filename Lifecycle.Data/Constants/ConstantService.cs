using Lifecycle.Data.Access;
using Lifecycle.Data.Common;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Constants;

/// <summary>A constant as the constants page shows it. Secret values are never returned, only whether they are set (SPEC E5).</summary>
public sealed record ConstantView(int Id, string Name, bool IsSecret, IReadOnlyDictionary<DeploymentEnvironment, string> PlainValues, IReadOnlySet<DeploymentEnvironment> SetIn);

/// <summary>Use cases of the constants page (SPEC E4, E5), for holders of "manage constants".</summary>
public sealed class ConstantService(IDbContextFactory<LifecycleDbContext> dbFactory, SecretProtector secrets)
{
    public const int MaxValueLength = 4000;

    public async Task<Result<IReadOnlyList<ConstantView>>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var refusal = await AccessRules.RefuseUnlessAsync(db, actor, Permission.ManageConstants, cancellationToken: cancellationToken);
        if (refusal is not null)
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
        var refusal = await AccessRules.RefuseUnlessAsync(db, actor, Permission.ManageConstants, cancellationToken: cancellationToken);
        if (refusal is not null)
        {
            return Result<int>.From(refusal);
        }

        var error = Identifier.Validate(name);
        if (error is not null)
        {
            return Result<int>.From(Result.Invalid(error, "name"));
        }

        var trimmed = name.Trim();
        if (await db.Constants.AnyAsync(c => c.Name == trimmed, cancellationToken))
        {
            return Result<int>.From(Result.Invalid($"A constant named {trimmed} already exists.", "name"));
        }

        var constant = new WorkspaceConstant(trimmed, isSecret);
        db.Constants.Add(constant);
        await db.SaveChangesAsync(cancellationToken);
        return constant.Id;
    }

    /// <summary>Sets (or, with an empty value, clears) the value in one environment. A secret value is encrypted before it is stored.</summary>
    public async Task<Result> SetValueAsync(Actor actor, int constantId, DeploymentEnvironment environment, string? value, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var refusal = await AccessRules.RefuseUnlessAsync(db, actor, Permission.ManageConstants, cancellationToken: cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (value is { Length: > MaxValueLength })
        {
            return Result.Invalid($"A value has at most {MaxValueLength} characters.", "value");
        }

        var constant = await db.Constants.FirstOrDefaultAsync(c => c.Id == constantId, cancellationToken);
        if (constant is null)
        {
            return Result.NotFound("This constant no longer exists.");
        }

        var stored = string.IsNullOrEmpty(value) ? null : constant.IsSecret ? secrets.Protect(value) : value;
        constant.SetStoredValue(environment, stored);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
