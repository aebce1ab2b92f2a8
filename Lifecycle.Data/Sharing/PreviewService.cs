using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Versions;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Sharing;

/// <summary>
/// SPEC S4: one version of an app as it runs with one environment's data sources and constants, and the environments
/// this viewer may switch to. <see cref="AppSlug"/> is where the app lives now.
/// </summary>
public sealed record PreviewedVersion(
    int AppId,
    string AppName,
    string AppSlug,
    int VersionId,
    string VersionName,
    DisplayedVersionState State,
    DeploymentEnvironment Environment,
    AppDefinition Definition,
    IReadOnlyList<DeploymentEnvironment> Environments);

/// <summary>SPEC S4: builders and testers preview any version before it is released, with an environment they have access to (<see cref="PreviewAccess"/>).</summary>
public sealed class PreviewService(UseCaseRunner runner, DefinitionStore definitions)
{
    /// <summary>
    /// The version <paramref name="versionId"/> of the app at <paramref name="slug"/>, with the values of
    /// <paramref name="environment"/> (the version's own when null). Maintenance mode does not stop a preview.
    /// </summary>
    public Task<Result<PreviewedVersion>> OpenAsync(Actor actor, string slug, int versionId, DeploymentEnvironment? environment, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<PreviewedVersion>(actor, UseCase.OnVersionContent(AuditActions.AppPreviewed, versionId), async context =>
        {
            var version = await context.Db.Versions.AsNoTracking().SingleAsync(v => v.Id == versionId, cancellationToken);
            var address = await AppAddresses.FindAsync(context.Db, slug, context.NowUtc, cancellationToken);
            if (address?.AppId != version.AppId)
            {
                return Result<PreviewedVersion>.From(Result.NotFound("That version belongs to another app."));
            }

            var chosen = environment ?? version.Environment;
            context.Entry = context.Entry with { Environment = chosen.ToString() };
            if (PreviewAccess.Check(context, version.Environment, chosen) is { } refused)
            {
                return Result<PreviewedVersion>.From(refused);
            }

            var app = await context.Db.Apps.AsNoTracking().SingleAsync(a => a.Id == version.AppId, cancellationToken);
            var summary = VersionSummary.Of(version, app.ReleasedVersionId, null);
            return new PreviewedVersion(app.Id, app.Name, app.Slug, version.Id, version.Name, summary.State, chosen,
                await definitions.GetAsync(context.Db, version.DefinitionHash, cancellationToken), PreviewAccess.EnvironmentsFor(context.Rights, app.Id, version.Environment));
        }, cancellationToken);
}
