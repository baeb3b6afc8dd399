using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Web.Features.Groups;

public enum GroupFormat
{
    InPerson,
    Online,
    Hybrid,
}

/// <summary>A peer support group: people with lived experience of the same thing who meet as equals.</summary>
public sealed class Group
{
    public int Id { get; set; }

    /// <summary>The group's address on Hearth: <c>/groups/{slug}</c>.</summary>
    public required string Slug { get; set; }

    public required string Name { get; set; }

    /// <summary>One or two plain sentences on what the group is and who it is for.</summary>
    public required string Summary { get; set; }

    /// <summary>The town it meets in; null for groups that meet online only.</summary>
    public string? Town { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public GroupFormat Format { get; set; }

    /// <summary>Unlisted groups are reachable by link only: never in the directory, feeds or search.</summary>
    public bool IsListed { get; set; } = true;

    /// <summary>Run by the network's own facilitators rather than independently by its members.</summary>
    public bool IsFacilitatedByNetwork { get; set; }
}

internal sealed class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> builder)
    {
        builder.Property(g => g.Slug).HasMaxLength(80);
        builder.HasIndex(g => g.Slug).IsUnique();
        builder.Property(g => g.Name).HasMaxLength(120);
        builder.Property(g => g.Summary).HasMaxLength(600);
        builder.Property(g => g.Town).HasMaxLength(80);
        builder.Property(g => g.Format).HasConversion<string>().HasMaxLength(20);
    }
}
