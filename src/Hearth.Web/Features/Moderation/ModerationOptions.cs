namespace Hearth.Web.Features.Moderation;

/// <summary>The discussion's safety limits, under <c>Hearth:Moderation</c>.</summary>
public sealed class ModerationOptions
{
    /// <summary>Reports from this many different members hide a post until a moderator looks at it.</summary>
    public int HideAfterReports { get; set; } = 3;

    /// <summary>An account this new may not post links and posts at a limited rate.</summary>
    public int NewAccountHours { get; set; } = 24;

    public int NewAccountPostsPerHour { get; set; } = 5;

    /// <summary>A post with this many links or more waits for a moderator before anyone reads it.</summary>
    public int HoldAtLinks { get; set; } = 4;

    /// <summary>The same text from the same person within this many hours is refused.</summary>
    public int RepeatHours { get; set; } = 24;
}
