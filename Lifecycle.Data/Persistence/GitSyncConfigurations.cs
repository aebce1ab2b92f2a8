using Lifecycle.Data.GitSync;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifecycle.Data.Persistence;

internal sealed class GitSyncSettingsConfiguration : IEntityTypeConfiguration<GitSyncSettings>
{
    public void Configure(EntityTypeBuilder<GitSyncSettings> settings)
    {
        settings.Property(s => s.Id).ValueGeneratedNever();
        settings.Property(s => s.Repository).HasMaxLength(GitSyncSettings.MaxRepositoryLength);
        settings.Property(s => s.Branch).HasMaxLength(250);
        settings.Property(s => s.Username).HasMaxLength(GitSyncSettings.MaxNameLength);
        settings.Property(s => s.AuthorName).HasMaxLength(GitSyncSettings.MaxNameLength);
        settings.Property(s => s.AuthorEmail).HasMaxLength(256);
        settings.Property(s => s.UpdatedByName).HasMaxLength(300);
    }
}

internal sealed class GitSyncJobConfiguration : IEntityTypeConfiguration<GitSyncJob>
{
    public void Configure(EntityTypeBuilder<GitSyncJob> job)
    {
        job.Property(j => j.Message).HasMaxLength(GitSyncJob.MaxMessageLength);
        job.Property(j => j.Outcome).HasMaxLength(GitSyncJob.MaxOutcomeLength);
        job.Property(j => j.Progress).HasMaxLength(500);
        job.Property(j => j.CommitId).HasMaxLength(64);
        job.Property(j => j.RequestedByName).HasMaxLength(300);
        job.HasIndex(j => j.State);
        job.Property(j => j.State).IsConcurrencyToken(); // a claim is a checked change of state: two workers cannot both start a job
    }
}
