using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Tests.Support;
using Lifecycle.Web.Features.Admin;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Tests.Integration;

/// <summary>SPEC A4: the audit log records who did what, where and with which outcome; it is append-only and chained.</summary>
public sealed class AuditLogTests
{
    [Fact]
    public async Task A4_AReleaseIsRecordedWithWhoWhatWhichVersionAndEnvironment()
    {
        // SPEC A4
        await using var workspace = await TestWorkspace.StartAsync();
        var admin = workspace.Admin with { ClientIp = "10.0.0.7" };
        var app = await workspace.CreateAppAsync(admin, "Orders");
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var v2 = await workspace.CreateProductionVersionAsync(admin, app.Id, "v2", v1);
        var before = DateTime.UtcNow.AddSeconds(-1);

        ResultAssert.Ok(await workspace.Releases.ReleaseAsync(admin, v2, "launch"));

        var entry = (await workspace.AuditEntriesAsync()).Last();
        Assert.Equal((AuditActions.AppReleased, AuditOutcome.Allowed), (entry.Action, entry.Outcome));
        Assert.Equal((admin.UserId, "Ada Admin", "10.0.0.7"), (entry.UserId, entry.UserName, entry.ClientIp));
        Assert.Equal((app.Id, v2, "v2", "Production", "launch"), (entry.AppId, entry.VersionId, entry.VersionName, entry.Environment, entry.Details));
        Assert.InRange(entry.AtUtc, before, DateTime.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task A4_EveryLifecycleActionLeavesOneEntry()
    {
        // SPEC A4: create app, create/rename/save/delete version, promote, release, roll back
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin, "Orders");
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var draft = await workspace.CreateVersionAsync(workspace.Admin, app.Id, "draft", v1);
        ResultAssert.Ok(await workspace.Versions.RenameAsync(workspace.Admin, draft.Id, "renamed"));
        ResultAssert.Ok(await workspace.Versions.DeleteAsync(workspace.Admin, draft.Id));
        var first = await workspace.CreateProductionVersionAsync(workspace.Admin, app.Id, "first", v1);
        ResultAssert.Ok(await workspace.Releases.ReleaseAsync(workspace.Admin, first, null));
        var second = await workspace.CreateProductionVersionAsync(workspace.Admin, app.Id, "second", v1);
        ResultAssert.Ok(await workspace.Releases.ReleaseAsync(workspace.Admin, second, null));
        ResultAssert.Ok(await workspace.Releases.RollbackAsync(workspace.Admin, first, null));

        var actions = (await workspace.AuditEntriesAsync()).Where(e => e.Action != AuditActions.SetupCompleted).Select(e => e.Action);
        Assert.Equal(
        [
            AuditActions.AppCreated, AuditActions.VersionCreated, AuditActions.VersionRenamed, AuditActions.VersionDeleted,
            AuditActions.VersionCreated, AuditActions.VersionSaved, AuditActions.VersionPromoted, AuditActions.VersionPromoted, AuditActions.AppReleased,
            AuditActions.VersionCreated, AuditActions.VersionSaved, AuditActions.VersionPromoted, AuditActions.VersionPromoted, AuditActions.AppReleased,
            AuditActions.AppRolledBack,
        ], actions);
        var deleted = (await workspace.AuditEntriesAsync()).Single(e => e.Action == AuditActions.VersionDeleted);
        Assert.Equal(("renamed", app.Id), (deleted.VersionName, deleted.AppId)); // the entry outlives the version
    }

    [Fact]
    public async Task A4_AFailedActionIsRecordedAsFailedAndChangesNothing()
    {
        // SPEC A4, V6: a draft cannot be released
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin, "Orders");
        var v1 = await workspace.FirstVersionIdAsync(app.Id);

        ResultAssert.Failed(ResultStatus.Conflict, await workspace.Releases.ReleaseAsync(workspace.Admin, v1, null));

        var entry = (await workspace.AuditEntriesAsync()).Last();
        Assert.Equal((AuditActions.AppReleased, AuditOutcome.Failed, app.Id, "v1"), (entry.Action, entry.Outcome, entry.AppId, entry.VersionName));
        Assert.False(string.IsNullOrEmpty(entry.Details));
        Assert.Null((await workspace.AppRowAsync(app.Id)).ReleasedVersionId);
    }

    [Fact]
    public async Task A4_TamperingWithAnEntryInTheDatabaseIsDetectedAtThatEntry()
    {
        // SPEC A4
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin, "Orders");
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        await workspace.CreateSavedVersionAsync(workspace.Admin, app.Id, "v2", v1);
        var entries = await workspace.AuditEntriesAsync();
        Assert.True(entries.Count >= 4);
        Assert.True(ResultAssert.Ok(await workspace.Audit.VerifyChainAsync(workspace.Admin)).IsIntact);
        var target = entries[2];

        await using (var db = await workspace.DbAsync())
        {
            await db.Database.ExecuteSqlAsync($"""UPDATE "AuditEntries" SET "UserName" = 'Somebody Else' WHERE "Id" = {target.Id}""");
        }

        var check = ResultAssert.Ok(await workspace.Audit.VerifyChainAsync(workspace.Admin));
        Assert.False(check.IsIntact);
        Assert.Equal(target.Id, check.FirstBrokenId);
    }

    [Fact]
    public async Task A4_ATamperedEntryWithARecomputedHashIsDetectedAtTheNextEntry()
    {
        // SPEC A4: whoever rewrites a row's hash too moves the break to the row after it
        await using var workspace = await TestWorkspace.StartAsync();
        await workspace.CreateAppAsync(workspace.Admin, "Orders");
        await workspace.CreateAppAsync(workspace.Admin, "Billing");
        var entries = await workspace.AuditEntriesAsync();
        var (previous, target, next) = (entries[0], entries[1], entries[2]);

        await using (var db = await workspace.DbAsync())
        {
            await db.Database.ExecuteSqlAsync($"""UPDATE "AuditEntries" SET "Details" = 'nothing happened' WHERE "Id" = {target.Id}""");
            var tampered = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == target.Id);
            await db.Database.ExecuteSqlAsync($"""UPDATE "AuditEntries" SET "Hash" = {tampered.ComputeHash(previous.Hash)} WHERE "Id" = {target.Id}""");
        }

        Assert.Equal(next.Id, ResultAssert.Ok(await workspace.Audit.VerifyChainAsync(workspace.Admin)).FirstBrokenId);
    }

    [Fact]
    public async Task A4_ADeletedEntryIsDetectedAtTheEntryAfterIt()
    {
        // SPEC A4
        await using var workspace = await TestWorkspace.StartAsync();
        await workspace.CreateAppAsync(workspace.Admin, "Orders");
        await workspace.CreateAppAsync(workspace.Admin, "Billing");
        var entries = await workspace.AuditEntriesAsync();

        await using (var db = await workspace.DbAsync())
        {
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "AuditEntries" WHERE "Id" = {entries[1].Id}""");
        }

        Assert.Equal(entries[2].Id, ResultAssert.Ok(await workspace.Audit.VerifyChainAsync(workspace.Admin)).FirstBrokenId);
    }

    [Fact]
    public async Task A4_TheProductCannotChangeOrRemoveAnEntry()
    {
        // SPEC A4: append-only
        await using var workspace = await TestWorkspace.StartAsync();
        await using var db = await workspace.DbAsync();
        var entry = await db.AuditEntries.FirstAsync();

        db.AuditEntries.Remove(entry);

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task A4_ConcurrentAppendsKeepTheChainLinear()
    {
        // SPEC A4
        await using var workspace = await TestWorkspace.StartAsync();
        var endUser = await workspace.AddEndUserAsync("Eve User");

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => workspace.Apps.CreateAsync(i % 2 == 0 ? endUser : workspace.Admin, $"App {i}", $"app-{i}"))));

        var check = ResultAssert.Ok(await workspace.Audit.VerifyChainAsync(workspace.Admin));
        Assert.True(check.IsIntact, $"Broken at {check.FirstBrokenId}");
        var entries = await workspace.AuditEntriesAsync();
        Assert.Equal(10, entries.Count(e => e.Action == AuditActions.AppCreated && e.Outcome == AuditOutcome.Refused));
        Assert.Equal(10, entries.Count(e => e.Action == AuditActions.AppCreated && e.Outcome == AuditOutcome.Allowed));
    }

    [Fact]
    public async Task A4_AdminsFilterByUserAppActionOutcomeAndTimeWithPaging()
    {
        // SPEC A4
        await using var workspace = await TestWorkspace.StartAsync();
        var endUser = await workspace.AddEndUserAsync("Eve User");
        var orders = await workspace.CreateAppAsync(workspace.Admin, "Orders");
        var billing = await workspace.CreateAppAsync(workspace.Admin, "Billing");
        var v1 = await workspace.FirstVersionIdAsync(orders.Id);
        for (var i = 0; i < 3; i++)
        {
            ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Versions.CreateAsync(endUser, orders.Id, $"mine{i}", v1));
        }

        var refused = ResultAssert.Ok(await workspace.Audit.QueryAsync(workspace.Admin, new AuditFilter(UserId: endUser.UserId, Outcome: AuditOutcome.Refused), 1, 2));
        Assert.Equal(3, refused.Total);
        Assert.Equal(2, refused.Rows.Count);
        Assert.All(refused.Rows, r => Assert.Equal(("Eve User", AuditActions.VersionCreated, "Orders"), (r.UserName, r.Action, r.AppName)));
        Assert.True(refused.Rows[0].Id > refused.Rows[1].Id); // newest first
        Assert.Single(ResultAssert.Ok(await workspace.Audit.QueryAsync(workspace.Admin, new AuditFilter(UserId: endUser.UserId, Outcome: AuditOutcome.Refused), 2, 2)).Rows);

        var billingRows = ResultAssert.Ok(await workspace.Audit.QueryAsync(workspace.Admin, new AuditFilter(AppId: billing.Id, Action: AuditActions.AppCreated), 1, 50));
        Assert.Equal(billing.Id, Assert.Single(billingRows.Rows).AppId);
        var future = ResultAssert.Ok(await workspace.Audit.QueryAsync(workspace.Admin, new AuditFilter(FromUtc: DateTime.UtcNow.AddMinutes(1)), 1, 50));
        Assert.Equal(0, future.Total);
        var past = ResultAssert.Ok(await workspace.Audit.QueryAsync(workspace.Admin, new AuditFilter(ToUtc: DateTime.UtcNow.AddMinutes(1)), 1, 50));
        Assert.True(past.Total >= 6);
    }

    [Fact]
    public async Task A4_SearchFindsEntriesByWhoTheAppTheVersionOrTheDetailsIgnoringCase()
    {
        // SPEC A4, issue 9: a long log is searched on the server
        await using var workspace = await TestWorkspace.StartAsync();
        var endUser = await workspace.AddEndUserAsync("Eve User");
        var orders = await workspace.CreateAppAsync(workspace.Admin, "Orders");
        await workspace.CreateAppAsync(workspace.Admin, "Billing");
        var v1 = await workspace.FirstVersionIdAsync(orders.Id);
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Versions.CreateAsync(endUser, orders.Id, "sneaky", v1));

        async Task<IReadOnlyList<AuditRow>> SearchAsync(string text) =>
            ResultAssert.Ok(await workspace.Audit.QueryAsync(workspace.Admin, new AuditFilter(Search: text), 1, 50)).Rows;

        var eve = await SearchAsync("eve USER");
        Assert.Contains(eve, r => r.UserName == "Eve User" && r.Outcome == AuditOutcome.Refused); // what she tried
        Assert.Contains(eve, r => r.Action == AuditActions.UserCreated); // her account's creation names her in its details
        Assert.All(eve, r => Assert.Contains("eve user", (r.UserName + r.Details).ToLowerInvariant()));
        Assert.All(await SearchAsync("orders"), r => Assert.Equal(orders.Id, r.AppId));
        Assert.Contains(await SearchAsync("billing"), r => r.Action == AuditActions.AppCreated && r.AppName == "Billing");
        Assert.Empty(await SearchAsync("no such thing anywhere"));
        Assert.Equal("?outcome=Refused&q=eve%20user", AuditQuery.ToQueryString(new AuditFilter(Outcome: AuditOutcome.Refused, Search: "eve user")));
    }

    [Fact]
    public async Task A4_CsvExportHasOneQuotedLinePerEntryAndIsAudited()
    {
        // SPEC A4
        await using var workspace = await TestWorkspace.StartAsync();
        await workspace.CreateAppAsync(workspace.Admin, "Orders, \"big\"", "orders");

        var csv = ResultAssert.Ok(await workspace.Audit.ExportCsvAsync(workspace.Admin, new AuditFilter(Action: AuditActions.AppCreated)));

        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.StartsWith("id,at_utc,user,action,", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"Orders, \"\"big\"\"\"", lines[1]);
        Assert.Equal(AuditActions.AuditExported, (await workspace.AuditEntriesAsync()).Last().Action);
        Assert.Equal("'=1+1", AuditService.Cell("=1+1")); // no formula injection into spreadsheets
    }
}
