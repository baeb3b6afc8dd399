using Hearth.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Web.Features.Groups;

/// <summary>
/// "Come for a chat first": a private conversation between one person and a group's organisers (organisers and
/// co-organisers together, so it survives one of them stepping down). No one sees anyone's email address.
/// </summary>
public sealed class Conversation
{
    public int Id { get; set; }

    public int GroupId { get; set; }

    /// <summary>The person who started it; the other side is the group's organisers.</summary>
    public required string PersonId { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime LastMessageAt { get; set; }

    public DateTime? PersonReadAt { get; set; }

    public DateTime? OrganisersReadAt { get; set; }
}

public sealed class ConversationMessage
{
    public int Id { get; set; }

    public int ConversationId { get; set; }

    /// <summary>Null once the author's account is erased (shown as "a former member").</summary>
    public string? AuthorId { get; set; }

    /// <summary>Written by one of the organisers, on the group's behalf.</summary>
    public bool FromOrganisers { get; set; }

    public required string Body { get; set; }

    public DateTime SentAt { get; set; }

    public const int BodyMaxLength = 2000;
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.HasIndex(c => new { c.GroupId, c.PersonId }).IsUnique();
        builder.HasIndex(c => c.PersonId);
        builder.HasOne<Group>().WithMany().HasForeignKey(c => c.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<HearthUser>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConversationMessageConfiguration : IEntityTypeConfiguration<ConversationMessage>
{
    public void Configure(EntityTypeBuilder<ConversationMessage> builder)
    {
        builder.Property(m => m.Body).HasMaxLength(ConversationMessage.BodyMaxLength);
        builder.HasIndex(m => new { m.ConversationId, m.SentAt });
        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<HearthUser>().WithMany().HasForeignKey(m => m.AuthorId).OnDelete(DeleteBehavior.SetNull);
    }
}
