using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Data;

/// <summary>Hearth's one database. Each feature maps its own entities with an <see cref="IEntityTypeConfiguration{T}"/> beside them.</summary>
public sealed class HearthDb(DbContextOptions<HearthDb> options) : DbContext(options)
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Group> Groups => Set<Group>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HearthDb).Assembly);
}
