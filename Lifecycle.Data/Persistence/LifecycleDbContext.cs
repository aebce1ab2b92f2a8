using Lifecycle.Data.Access;
using Lifecycle.Data.Apps;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Releases;
using Lifecycle.Data.Setup;
using Lifecycle.Data.Versions;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Persistence;

public sealed class LifecycleDbContext(DbContextOptions<LifecycleDbContext> options) : IdentityDbContext<LifecycleUser>(options)
{
    public DbSet<App> Apps => Set<App>();
    public DbSet<AppVersion> Versions => Set<AppVersion>();
    public DbSet<DefinitionBlob> DefinitionBlobs => Set<DefinitionBlob>();
    public DbSet<ReleaseRecord> Releases => Set<ReleaseRecord>();
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<GroupPermission> GroupPermissions => Set<GroupPermission>();
    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();
    public DbSet<SetupMarker> SetupMarkers => Set<SetupMarker>();
    public DbSet<Constants.WorkspaceConstant> Constants => Set<Constants.WorkspaceConstant>();
    public DbSet<DataSources.DataSource> DataSources => Set<DataSources.DataSource>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LifecycleDbContext).Assembly);
    }
}
