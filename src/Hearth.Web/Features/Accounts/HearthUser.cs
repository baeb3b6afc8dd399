using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Web.Features.Accounts;

/// <summary>
/// A person's account. Pseudonymous by design: a display name of their choosing, never a real name.
/// The email address is for sign-in and notices only and is never shown to anyone else.
/// </summary>
public sealed class HearthUser : IdentityUser
{
    public const int DisplayNameMaxLength = 40;

    public string DisplayName { get; set; } = "";

    /// <summary>Upper-cased display name, unique, so "Robin" and "robin" cannot both exist.</summary>
    public string NormalizedDisplayName { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime TermsAcceptedAt { get; set; }

    /// <summary>Explicit consent to holding health-related information (UK GDPR Art. 9(2)(a)); null once withdrawn.</summary>
    public DateTime? HealthDataConsentAt { get; set; }

    /// <summary>When the account will be erased; null unless the person asked for deletion.</summary>
    public DateTime? DeletionDueAt { get; set; }

    /// <summary>At erasure, remove what they wrote in groups too, rather than keep it under "a former member".</summary>
    public bool DeletionErasesContributions { get; set; }

    /// <summary>Emails may name groups, people or what was said only when this is true; content-free otherwise.</summary>
    public bool EmailsIncludeDetails { get; set; }

    /// <summary>An email the day before a meeting the person said they would go to (on unless they turn it off).</summary>
    public bool RemindDayBefore { get; set; } = true;

    /// <summary>An email two hours before such a meeting (on unless they turn it off).</summary>
    public bool RemindHoursBefore { get; set; } = true;

    /// <summary>Room for the longest list the page accepts: 50 words of 40 characters, one a line.</summary>
    public const int MutedWordsMaxLength = 2100;

    /// <summary>Words, one per line, that fold away any post containing them (for this person only).</summary>
    public string? MutedWords { get; set; }

    /// <summary>A daily email of new replies and announcements (off unless chosen; content-free unless details are chosen).</summary>
    public bool DiscussionDigest { get; set; }

    /// <summary>When the last digest went, so that there is at most one a day.</summary>
    public DateTime? DigestSentAt { get; set; }

    /// <summary>Banned from the network by an admin: signed out everywhere and unable to sign in.</summary>
    public DateTime? BannedAt { get; set; }

    public static string Normalize(string displayName) => displayName.Trim().ToUpperInvariant();
}

internal sealed class HearthUserConfiguration : IEntityTypeConfiguration<HearthUser>
{
    public void Configure(EntityTypeBuilder<HearthUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(HearthUser.DisplayNameMaxLength);
        builder.Property(u => u.NormalizedDisplayName).HasMaxLength(HearthUser.DisplayNameMaxLength);
        builder.HasIndex(u => u.NormalizedDisplayName).IsUnique();
        builder.HasIndex(u => u.DeletionDueAt);
        builder.Property(u => u.MutedWords).HasMaxLength(HearthUser.MutedWordsMaxLength);
        // Existing accounts get the digest off, as new ones do.
        builder.Property(u => u.DiscussionDigest).HasDefaultValue(false);
        // On for accounts made before reminders existed too. The sentinel is true so that a new account's false
        // is written rather than taken as "not set" and replaced by the default.
        builder.Property(u => u.RemindDayBefore).HasDefaultValue(true).HasSentinel(true);
        builder.Property(u => u.RemindHoursBefore).HasDefaultValue(true).HasSentinel(true);
    }
}
