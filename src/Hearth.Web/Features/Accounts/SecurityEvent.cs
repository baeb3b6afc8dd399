using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Web.Features.Accounts;

public enum SecurityEventKind
{
    Registered,
    EmailConfirmed,
    SignedIn,
    SignInFailed,
    LockedOut,
    SignedOut,
    SessionEnded,
    PasswordChanged,
    PasswordReset,
    EmailChangeRequested,
    EmailChanged,
    TwoFactorEnabled,
    TwoFactorDisabled,
    RecoveryCodesCreated,
    RecoveryCodeUsed,
    PasskeyAdded,
    PasskeyRemoved,
    ConsentGiven,
    ConsentWithdrawn,
    DataExported,
    DeletionRequested,
    DeletionCancelled,
    RoleGranted,
    RoleRemoved,
}

/// <summary>Something that happened to a person's account, shown to them alone on their security page.</summary>
public sealed class SecurityEvent
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public SecurityEventKind Kind { get; set; }

    public DateTime At { get; set; }

    public string? Device { get; set; }

    /// <summary>A detail that is not a secret, such as the role granted.</summary>
    public string? Detail { get; set; }
}

internal sealed class SecurityEventConfiguration : IEntityTypeConfiguration<SecurityEvent>
{
    public void Configure(EntityTypeBuilder<SecurityEvent> builder)
    {
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(e => e.Device).HasMaxLength(80);
        builder.Property(e => e.Detail).HasMaxLength(80);
        builder.HasIndex(e => new { e.UserId, e.At });
        builder.HasOne<HearthUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
