using Lifecycle.Data.Access;
using Lifecycle.Data.Apps;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Releases;
using Lifecycle.Data.Setup;
using Lifecycle.Data.Versions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifecycle.Data.Persistence;

internal sealed class AppConfiguration : IEntityTypeConfiguration<App>
{
    public void Configure(EntityTypeBuilder<App> app)
    {
        app.Property(a => a.Name).HasMaxLength(App.MaxNameLength);
        app.Property(a => a.Slug).HasMaxLength(SlugRules.MaxLength);
        app.HasIndex(a => a.Slug).IsUnique();
        app.Property(a => a.ReleaseStamp).IsConcurrencyToken();
        app.HasOne<AppVersion>().WithMany().HasForeignKey(a => a.ReleasedVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AppVersionConfiguration : IEntityTypeConfiguration<AppVersion>
{
    public void Configure(EntityTypeBuilder<AppVersion> version)
    {
        version.ToTable("Versions");
        version.Property(v => v.Name).HasMaxLength(VersionNameRules.MaxLength);
        version.Property(v => v.NameKey).HasMaxLength(VersionNameRules.MaxLength);
        version.HasIndex(v => new { v.AppId, v.NameKey }).IsUnique();
        version.Property(v => v.Description).HasMaxLength(AppVersion.MaxDescriptionLength);
        version.Property(v => v.Revision).IsConcurrencyToken();
        version.HasOne<App>().WithMany().HasForeignKey(v => v.AppId).OnDelete(DeleteBehavior.Cascade);
        version.HasOne<AppVersion>().WithMany().HasForeignKey(v => v.ParentVersionId).OnDelete(DeleteBehavior.SetNull);
        // The root is found by hash; the collector keeps every object a version reaches (decision 020).
        version.HasIndex(v => v.DefinitionHash);
    }
}

internal sealed class DefinitionObjectConfiguration : IEntityTypeConfiguration<DefinitionObject>
{
    public void Configure(EntityTypeBuilder<DefinitionObject> definitionObject)
    {
        // Decision 034: a 32-byte binary key in a WITHOUT ROWID table (the migration creates it so; EF has no word for it).
        definitionObject.HasKey(o => o.Hash);
        definitionObject.Property(o => o.Hash).HasMaxLength(32);
        definitionObject.Property(o => o.CreatedAtUtc).HasConversion(UnixSeconds.Converter);
    }
}

internal sealed class LegacyDefinitionBlobConfiguration : IEntityTypeConfiguration<LegacyDefinitionBlob>
{
    public void Configure(EntityTypeBuilder<LegacyDefinitionBlob> blob)
    {
        blob.ToTable("DefinitionBlobs");
        blob.HasKey(b => b.Hash);
        blob.Property(b => b.Hash).HasMaxLength(64);
    }
}

internal sealed class ReleaseRecordConfiguration : IEntityTypeConfiguration<ReleaseRecord>
{
    public void Configure(EntityTypeBuilder<ReleaseRecord> release)
    {
        release.HasIndex(r => new { r.AppId, r.Id });
        release.HasOne<App>().WithMany().HasForeignKey(r => r.AppId).OnDelete(DeleteBehavior.Cascade);
        release.HasOne<AppVersion>().WithMany().HasForeignKey(r => r.VersionId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> group)
    {
        group.Property(g => g.Name).HasMaxLength(100);
        group.HasIndex(g => g.Name).IsUnique();
        group.HasMany(g => g.Permissions).WithOne().HasForeignKey(p => p.GroupId).OnDelete(DeleteBehavior.Cascade);
        group.HasMany(g => g.Members).WithOne(m => m.Group).HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        group.Navigation(g => g.Permissions).UsePropertyAccessMode(PropertyAccessMode.Field);
        group.Navigation(g => g.Members).UsePropertyAccessMode(PropertyAccessMode.Field);

        // SPEC A1: the built-in groups exist from the first migration on.
        group.HasData(
            Group.BuiltIn(Group.AdminsId, "Admins", grantsEverything: true),
            Group.BuiltIn(Group.BuildersId, "Builders", grantsEverything: false),
            Group.BuiltIn(Group.EndUsersId, "End users", grantsEverything: false));
    }
}

internal sealed class GroupPermissionConfiguration : IEntityTypeConfiguration<GroupPermission>
{
    public void Configure(EntityTypeBuilder<GroupPermission> permission)
    {
        permission.HasIndex(p => new { p.GroupId, p.Permission, p.AppId }).IsUnique();
        permission.HasOne<App>().WithMany().HasForeignKey(p => p.AppId).OnDelete(DeleteBehavior.Cascade);

        // SPEC A1: Builders create apps, edit every app (versions included) and promote to staging;
        // End users view apps. Null AppId: every app.
        permission.HasData(
            new { Id = 1, GroupId = Group.BuildersId, Permission = Permission.CreateApps, AppId = (int?)null },
            new { Id = 2, GroupId = Group.BuildersId, Permission = Permission.ViewApp, AppId = (int?)null },
            new { Id = 3, GroupId = Group.BuildersId, Permission = Permission.EditApp, AppId = (int?)null },
            new { Id = 4, GroupId = Group.BuildersId, Permission = Permission.PromoteToStaging, AppId = (int?)null },
            new { Id = 5, GroupId = Group.EndUsersId, Permission = Permission.ViewApp, AppId = (int?)null });
    }
}

internal sealed class GroupMemberConfiguration : IEntityTypeConfiguration<GroupMember>
{
    public void Configure(EntityTypeBuilder<GroupMember> member)
    {
        member.HasKey(m => new { m.GroupId, m.UserId });
        member.HasOne<LifecycleUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SetupMarkerConfiguration : IEntityTypeConfiguration<SetupMarker>
{
    public void Configure(EntityTypeBuilder<SetupMarker> marker)
    {
        marker.Property(m => m.Id).ValueGeneratedNever();
    }
}

internal sealed class WorkspaceConstantConfiguration : IEntityTypeConfiguration<Constants.WorkspaceConstant>
{
    public void Configure(EntityTypeBuilder<Constants.WorkspaceConstant> constant)
    {
        constant.ToTable("Constants");
        constant.Property(c => c.Name).HasMaxLength(Common.Identifier.MaxLength);
        constant.HasIndex(c => c.Name).IsUnique();
        constant.OwnsMany(c => c.Values, value =>
        {
            value.ToTable("ConstantValues");
            value.WithOwner().HasForeignKey(v => v.ConstantId);
            value.HasKey(v => new { v.ConstantId, v.Environment });
        });
        constant.Navigation(c => c.Values).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class DataSourceConfiguration : IEntityTypeConfiguration<DataSources.DataSource>
{
    public void Configure(EntityTypeBuilder<DataSources.DataSource> source)
    {
        source.Property(s => s.Name).HasMaxLength(Common.Identifier.MaxLength);
        source.HasIndex(s => s.Name).IsUnique();
        source.OwnsMany(s => s.Settings, settings =>
        {
            settings.ToTable("DataSourceSettings");
            settings.WithOwner().HasForeignKey(s => s.DataSourceId);
            settings.HasKey(s => new { s.DataSourceId, s.Environment });
        });
        source.Navigation(s => s.Settings).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        // No foreign keys: an entry outlives the user, app or version it names.
        entry.Property(e => e.Action).HasMaxLength(64);
        entry.Property(e => e.UserName).HasMaxLength(AccountRules.MaxDisplayNameLength + 200);
        entry.Property(e => e.VersionName).HasMaxLength(VersionNameRules.MaxLength);
        entry.Property(e => e.Environment).HasMaxLength(32);
        entry.Property(e => e.ClientIp).HasMaxLength(64);
        entry.Property(e => e.Details).HasMaxLength(AuditEntry.MaxDetailsLength);
        entry.Property(e => e.Hash).HasMaxLength(64);
        entry.HasIndex(e => e.AtUtc);
        entry.HasIndex(e => e.UserId);
        entry.HasIndex(e => e.AppId);
        entry.HasIndex(e => e.Action);
    }
}

internal sealed class LifecycleUserConfiguration : IEntityTypeConfiguration<LifecycleUser>
{
    public void Configure(EntityTypeBuilder<LifecycleUser> user)
    {
        user.Ignore(u => u.IsDisabled);
    }
}

/// <summary>A UTC time as whole seconds since 1970 in an INTEGER column: 4 to 6 bytes a row instead of ~27 of text (decision 034).</summary>
internal static class UnixSeconds
{
    public static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, long> Converter = new(
        value => (long)Math.Floor((value - DateTime.UnixEpoch).TotalSeconds),
        seconds => DateTime.UnixEpoch.AddSeconds(seconds));
}
