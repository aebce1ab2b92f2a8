using Lifecycle.Data.Access;
using Lifecycle.Data.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Common;

/// <summary>A named item of the workspace that versions refer to by name: a data source or a constant.</summary>
internal interface INamedWorkspaceItem
{
    int Id { get; }

    string Name { get; }

    /// <summary>Sets the trimmed name; the caller has checked the rules, uniqueness and use.</summary>
    void Rename(string name);
}

/// <summary>
/// Renaming and deleting data sources and constants, which share their rules: a new name is an identifier, unique among
/// items of the kind, and neither happens while a saved version uses the item (it cannot change, SPEC V5). The bodies run
/// inside <see cref="UseCaseRunner"/>, which checks the permission and audits.
/// </summary>
internal sealed class WorkspaceItems<T>(DefinitionStore definitions, string kind, Func<DefinitionReferences, IReadOnlySet<string>> namesUsed)
    where T : class, INamedWorkspaceItem
{
    public async Task<Result> RenameAsync(UseCaseContext context, DbSet<T> items, int id, string newName, CancellationToken cancellationToken)
    {
        var item = await items.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (item is null)
        {
            return Gone;
        }

        var trimmed = newName.Trim();
        context.Entry = context.Entry with { Details = $"{Capitalized} {item.Name} to {trimmed}." };
        var error = Identifier.Validate(trimmed)
            ?? (await items.AnyAsync(i => i.Name == trimmed && i.Id != id, cancellationToken) ? $"A {kind} named {trimmed} already exists." : null);
        if (error is not null)
        {
            return Result.Invalid(error, "name");
        }

        if (await InUseAsync(context, item.Name, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        item.Rename(trimmed);
        await context.Db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }

    public async Task<Result> DeleteAsync(UseCaseContext context, DbSet<T> items, int id, CancellationToken cancellationToken)
    {
        var item = await items.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (item is null)
        {
            return Gone;
        }

        context.Entry = context.Entry with { Details = $"{Capitalized} {item.Name}." };
        if (await InUseAsync(context, item.Name, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        items.Remove(item);
        await context.Db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }

    private string Capitalized => char.ToUpperInvariant(kind[0]) + kind[1..];

    private Result Gone => Result.NotFound($"This {kind} no longer exists.");

    private async Task<Result?> InUseAsync(UseCaseContext context, string name, CancellationToken cancellationToken)
    {
        var versions = await DefinitionUsage.SavedVersionsUsingAsync(context.Db, definitions, references => namesUsed(references).Contains(name), cancellationToken);
        return versions.Count == 0 ? null : Result.Conflict(DefinitionUsage.InUseMessage($"The {kind} {name}", versions));
    }
}
