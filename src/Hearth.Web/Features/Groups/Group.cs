using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Web.Features.Groups;

public enum GroupFormat
{
    InPerson,
    Online,
    Hybrid,
}

public enum JoinPolicy
{
    /// <summary>Drop in: join at once after accepting the group agreement.</summary>
    Open,

    /// <summary>Ask to join; the organisers accept or decline.</summary>
    Closed,

    /// <summary>By invite link only.</summary>
    InviteOnly,
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

    /// <summary>Who the group is for, in the organisers' words.</summary>
    public string? WhoItIsFor { get; set; }

    /// <summary>What happens at a meeting, so a first-timer knows what they are walking into.</summary>
    public string? WhatToExpect { get; set; }

    /// <summary>What the group is not; when empty the page says Hearth's standard words (not therapy, no referral...).</summary>
    public string? WhatItIsNot { get; set; }

    public JoinPolicy JoinPolicy { get; set; }

    /// <summary>Where it meets, e.g. "Nant Hall church hall".</summary>
    public string? VenueName { get; set; }

    public string? VenueAddress { get; set; }

    /// <summary>The organisers chose to show the street address to members only.</summary>
    public bool AddressForMembersOnly { get; set; }

    /// <summary>Step-free access, hearing loop, parking...</summary>
    public string? AccessNotes { get; set; }

    /// <summary>Language codes the group meets in, comma-separated: "en", "cy", "en,cy".</summary>
    public string Languages { get; set; } = "en";

    /// <summary>What the group is about, from <see cref="Vocabulary.Topics"/>, stored as ",code,code,".</summary>
    public string Topics { get; set; } = "";

    /// <summary>Who it is for, from <see cref="Vocabulary.Audiences"/>, stored as ",code,".</summary>
    public string Audiences { get; set; } = "";

    /// <summary>Access at the venue, from <see cref="Vocabulary.Access"/>, stored as ",code,".</summary>
    public string Access { get; set; } = "";

    /// <summary>The group's ground rules; joining means accepting this text.</summary>
    public string AgreementText { get; set; } = "";

    /// <summary>Goes up when the agreement changes, so Hearth knows which text each member accepted.</summary>
    public int AgreementVersion { get; set; } = 1;

    /// <summary>The organisers' longer description, in Markdown (safe subset: see <see cref="Shared.SafeMarkdown"/>).</summary>
    public string? Description { get; set; }

    /// <summary>Questions newcomers ask, in Markdown: each question a heading or bold line, then its answer.</summary>
    public string? Faq { get; set; }

    /// <summary>The group's ideal size; when this many belong, newcomers join a waiting list. Null: no limit.</summary>
    public int? Capacity { get; set; }

    public const int MaxCapacity = 500;
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
        builder.Property(g => g.WhoItIsFor).HasMaxLength(600);
        builder.Property(g => g.WhatToExpect).HasMaxLength(2000);
        builder.Property(g => g.WhatItIsNot).HasMaxLength(1000);
        // Defaults in the database too, so that groups created before these columns existed have values.
        builder.Property(g => g.JoinPolicy).HasConversion<string>().HasMaxLength(20).HasDefaultValue(JoinPolicy.Open);
        builder.Property(g => g.AddressForMembersOnly).HasDefaultValue(false);
        builder.Property(g => g.VenueName).HasMaxLength(120);
        builder.Property(g => g.VenueAddress).HasMaxLength(300);
        builder.Property(g => g.AccessNotes).HasMaxLength(500);
        builder.Property(g => g.Languages).HasMaxLength(40).HasDefaultValue("en");
        builder.Property(g => g.Topics).HasMaxLength(300).HasDefaultValue("");
        builder.Property(g => g.Audiences).HasMaxLength(200).HasDefaultValue("");
        builder.Property(g => g.Access).HasMaxLength(100).HasDefaultValue("");
        builder.Property(g => g.AgreementText).HasMaxLength(4000).HasDefaultValue("");
        builder.Property(g => g.AgreementVersion).HasDefaultValue(1);
        builder.Property(g => g.Description).HasMaxLength(4000);
        builder.Property(g => g.Faq).HasMaxLength(4000);
        // The directory's search by place reads only these columns for the groups inside its box: with them in one
        // index it never touches the rows it then discards. Latitude first, because SQLite uses an index only from
        // its first column.
        builder.HasIndex(g => new { g.Latitude, g.Longitude, g.IsListed, g.Topics });
    }
}
