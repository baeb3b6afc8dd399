using Hearth.Web.Features.Accounts;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Security;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Hearth.Web.Data;

/// <summary>Hearth's one database. Each feature maps its own entities with an <see cref="IEntityTypeConfiguration{T}"/> beside them.</summary>
public sealed class HearthDb(DbContextOptions<HearthDb> options) : IdentityDbContext<HearthUser>(options)
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Group> Groups => Set<Group>();

    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();

    public DbSet<JoinRequest> JoinRequests => Set<JoinRequest>();

    public DbSet<GroupInvite> GroupInvites => Set<GroupInvite>();

    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<ConversationMessage> ConversationMessages => Set<ConversationMessage>();

    public DbSet<Features.Meetings.MeetingSeries> MeetingSeries => Set<Features.Meetings.MeetingSeries>();

    public DbSet<Features.Meetings.MeetingChange> MeetingChanges => Set<Features.Meetings.MeetingChange>();

    public DbSet<Features.Meetings.Rsvp> Rsvps => Set<Features.Meetings.Rsvp>();

    public DbSet<Features.Meetings.CalendarLink> CalendarLinks => Set<Features.Meetings.CalendarLink>();

    public DbSet<Features.Meetings.MeetingReminder> MeetingReminders => Set<Features.Meetings.MeetingReminder>();

    public DbSet<Features.Meetings.AttendanceMark> AttendanceMarks => Set<Features.Meetings.AttendanceMark>();

    public DbSet<Features.Meetings.AttendanceCount> AttendanceCounts => Set<Features.Meetings.AttendanceCount>();

    public DbSet<Features.Discussion.Topic> Topics => Set<Features.Discussion.Topic>();

    public DbSet<Features.Discussion.Post> Posts => Set<Features.Discussion.Post>();

    public DbSet<Features.Discussion.Reaction> Reactions => Set<Features.Discussion.Reaction>();

    public DbSet<Features.Discussion.Block> Blocks => Set<Features.Discussion.Block>();

    public DbSet<Features.Discussion.DiscussionNotice> DiscussionNotices => Set<Features.Discussion.DiscussionNotice>();

    public DbSet<Features.CopingTips.CopingTip> CopingTips => Set<Features.CopingTips.CopingTip>();

    public DbSet<Features.CopingTips.ToolkitEntry> Toolkit => Set<Features.CopingTips.ToolkitEntry>();

    public DbSet<Features.Moderation.Report> Reports => Set<Features.Moderation.Report>();

    public DbSet<Features.Moderation.SafetyFlag> SafetyFlags => Set<Features.Moderation.SafetyFlag>();

    public DbSet<Features.Moderation.ModerationEntry> ModerationLog => Set<Features.Moderation.ModerationEntry>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<SecurityEvent> SecurityEvents => Set<SecurityEvent>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        // Identity's tables first (schema version 3, with passkeys: see AccountsExtensions.ConfigureIdentity).
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(HearthDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        // Every DateTime is UTC: PostgreSQL's timestamptz insists on it, and SQLite's text forgets the kind.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
