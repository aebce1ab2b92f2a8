using Lifecycle.Data.Access;
using Lifecycle.Data.Apps;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Releases;
using Lifecycle.Data.Setup;
using Lifecycle.Data.Versions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Persistence;

public sealed class LifecycleDbContext(DbContextOptions<LifecycleDbContext> options) : IdentityDbContext<LifecycleUser>(options), IDataProtectionKeyContext
{
    public DbSet<App> Apps => Set<App>();
    public DbSet<AppVersion> Versions => Set<AppVersion>();
    public DbSet<DefinitionObject> DefinitionObjects => Set<DefinitionObject>();
    public DbSet<LegacyDefinitionBlob> LegacyDefinitionBlobs => Set<LegacyDefinitionBlob>();
    public DbSet<ReleaseRecord> Releases => Set<ReleaseRecord>();
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<GroupPermission> GroupPermissions => Set<GroupPermission>();
    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();
    public DbSet<SetupMarker> SetupMarkers => Set<SetupMarker>();
    public DbSet<Constants.WorkspaceConstant> Constants => Set<Constants.WorkspaceConstant>();
    public DbSet<DataSources.DataSource> DataSources => Set<DataSources.DataSource>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<GitSync.GitSyncSettings> GitSyncSettings => Set<GitSync.GitSyncSettings>();
    public DbSet<GitSync.GitSyncJob> GitSyncJobs => Set<GitSync.GitSyncJob>();
    public DbSet<Network.OutboundAllowEntry> OutboundAllowlist => Set<Network.OutboundAllowEntry>();
    public DbSet<SignIn.SignInSession> SignInSessions => Set<SignIn.SignInSession>();
    public DbSet<Instances.Lease> Leases => Set<Instances.Lease>();

    /// <summary>Data Protection's key ring, shared by every instance on PostgreSQL (decision 031); unused on SQLite, which keeps a keys directory.</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();
    public DbSet<Sharing.SlugRedirect> SlugRedirects => Set<Sharing.SlugRedirect>();
    public DbSet<Sharing.EmbeddingOrigin> EmbeddingOrigins => Set<Sharing.EmbeddingOrigin>();
    public DbSet<Sharing.EmbeddingSettings> EmbeddingSettings => Set<Sharing.EmbeddingSettings>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Every DateTime is UTC, stored to the microsecond (PostgreSQL's precision) on both providers, so a value reads back
    /// equal wherever it is stored (decision 030).
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcMicrosecondsConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcMicrosecondsConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LifecycleDbContext).Assembly);
    }

    /// <summary>SPEC A4: the audit log is append-only; no code path of the product may change or remove an entry.</summary>
    private void RefuseAuditChanges()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries are append-only.");
        }
    }
}
