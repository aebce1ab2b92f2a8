using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Constants;

/// <summary>A constant as the constants page shows it. Secret values are never returned, only whether they are set (SPEC E5).</summary>
public sealed record ConstantView(int Id, string Name, bool IsSecret, IReadOnlyDictionary<DeploymentEnvironment, string> PlainValues, IReadOnlySet<DeploymentEnvironment> SetIn);

/// <summary>Use cases of the constants page (SPEC E4, E5), for holders of "manage constants", run through <see cref="UseCaseRunner"/>.</summary>
public sealed class ConstantService(UseCaseRunner runner, SecretProtector secrets, DefinitionStore definitions)
{
    public const int MaxValueLength = 4000;

    private readonly WorkspaceItems<WorkspaceConstant> _items = new(definitions, "constant", references => references.Constants);

    /// <summary>Renames a constant; refused while a saved version binds to it (it cannot change, SPEC V5).</summary>
    public Task<Result> RenameAsync(Actor actor, int constantId, string newName, CancellationToken cancellationToken = default) =>
        runner.ChangeAsync(actor, UseCase.OnWorkspace(AuditActions.ConstantRenamed, Permission.ManageConstants),
            context => _items.RenameAsync(context, context.Db.Constants, constantId, newName, cancellationToken), cancellationToken);

    /// <summary>Deletes a constant with its value in every environment; refused while a saved version uses it.</summary>
    public Task<Result> DeleteAsync(Actor actor, int constantId, CancellationToken cancellationToken = default) =>
        runner.ChangeAsync(actor, UseCase.OnWorkspace(AuditActions.ConstantDeleted, Permission.ManageConstants),
            context => _items.DeleteAsync(context, context.Db.Constants, constantId, cancellationToken), cancellationToken);

    public Task<Result<IReadOnlyList<ConstantView>>> ListAsync(Actor actor, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<IReadOnlyList<ConstantView>>(actor, UseCase.OnWorkspace(AuditActions.ConstantsViewed, Permission.ManageConstants), async context =>
        {
            var constants = await context.Db.Constants.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
            return constants.Select(c => new ConstantView(
                c.Id,
                c.Name,
                c.IsSecret,
                c.IsSecret ? new Dictionary<DeploymentEnvironment, string>() : c.Values.ToDictionary(v => v.Environment, v => v.StoredValue),
                c.Values.Select(v => v.Environment).ToHashSet())).ToList();
        }, cancellationToken);

    public Task<Result<int>> CreateAsync(Actor actor, string name, bool isSecret, CancellationToken cancellationToken = default) =>
        runner.ChangeAsync<int>(actor, UseCase.OnWorkspace(AuditActions.ConstantCreated, Permission.ManageConstants), async context =>
        {
            var trimmed = name.Trim();
            context.Entry = context.Entry with { Details = $"Constant {trimmed}{(isSecret ? " (secret)" : "")}." };
            var error = Identifier.Validate(name)
                ?? (await context.Db.Constants.AnyAsync(c => c.Name == trimmed, cancellationToken) ? $"A constant named {trimmed} already exists." : null);
            if (error is not null)
            {
                return Result<int>.From(Result.Invalid(error, "name"));
            }

            var constant = new WorkspaceConstant(trimmed, isSecret);
            context.Db.Constants.Add(constant);
            await context.Db.SaveChangesAsync(cancellationToken);
            return constant.Id;
        }, cancellationToken);

    /// <summary>Sets (or, with an empty value, clears) the value in one environment. A secret value is encrypted before it is stored.</summary>
    public Task<Result> SetValueAsync(Actor actor, int constantId, DeploymentEnvironment environment, string? value, CancellationToken cancellationToken = default) =>
        runner.ChangeAsync(actor, UseCase.OnWorkspace(AuditActions.ConstantValueSet, Permission.ManageConstants), async context =>
        {
            var constant = await context.Db.Constants.FirstOrDefaultAsync(c => c.Id == constantId, cancellationToken);
            // The value itself never reaches the audit log (SPEC E5).
            context.Entry = context.Entry with
            {
                Environment = environment.ToString(),
                Details = $"Constant {constant?.Name ?? constantId.ToString()}{(string.IsNullOrEmpty(value) ? " cleared" : "")}.",
            };
            if (constant is null)
            {
                return Result.NotFound("This constant no longer exists.");
            }

            if (value is { Length: > MaxValueLength })
            {
                return Result.Invalid($"A value has at most {MaxValueLength} characters.", "value");
            }

            constant.SetStoredValue(environment, string.IsNullOrEmpty(value) ? null : constant.IsSecret ? secrets.Protect(value) : value);
            return Result.Success();
        }, cancellationToken);
}
