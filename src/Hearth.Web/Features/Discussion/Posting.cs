using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Hearth.Web.Data;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Moderation;
using Hearth.Web.Features.Safety;
using Hearth.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Hearth.Web.Features.Discussion;

/// <summary>
/// The rules every post, reply and coping tip meets before it is published, shared by the pages that write them:
/// length and safe Markdown, the limits on new accounts, no repeats, links held for review, and the risk check with
/// its private flags for moderators. Nothing here ever blocks a cry for help: an urgent post is published once its
/// author has seen the supportive page.
/// </summary>
public sealed partial class Posting(HearthDb db, RiskCheck risk, TimeProvider clock, IOptions<ModerationOptions> options, IStringLocalizer<Strings> text)
{
    private ModerationOptions Limits => options.Value;

    /// <summary>Adds a message beside the field for each rule the text breaks; true when it may be posted.</summary>
    public async Task<bool> CheckAsync(GroupMember author, string? body, string bodyField, string? warning, string warningField, ModelStateDictionary errors, CancellationToken cancellationToken, int? editing = null)
    {
        var authorId = author.UserId;
        var now = clock.GetUtcNow().UtcDateTime;
        if (author.IsSuspended(now))
        {
            errors.AddModelError(bodyField, text["Discussion.Post.Suspended", LocalTime.Format(author.SuspendedUntil!.Value)]);
            return false;
        }

        var before = errors.ErrorCount;
        var trimmed = body?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            errors.AddModelError(bodyField, text["Discussion.Post.Empty"]);
        }
        else if (trimmed.Length > Post.BodyMaxLength)
        {
            errors.AddModelError(bodyField, text["Groups.Form.TooLong", Post.BodyMaxLength, trimmed.Length]);
        }
        else if (SafeMarkdown.Problem(trimmed) is var issue and not SafeMarkdown.Issue.None)
        {
            errors.AddModelError(bodyField, text[$"Groups.Form.Markdown{issue}"]);
        }

        if (warning?.Trim().Length > Post.WarningMaxLength)
        {
            errors.AddModelError(warningField, text["Groups.Form.TooLong", Post.WarningMaxLength, warning.Trim().Length]);
        }

        if (errors.ErrorCount > before)
        {
            return false;
        }

        var joined = await db.Users.AsNoTracking().Where(u => u.Id == authorId).Select(u => u.CreatedAt).SingleAsync(cancellationToken);
        if (now - joined < TimeSpan.FromHours(Limits.NewAccountHours))
        {
            if (CountLinks(trimmed) > 0)
            {
                errors.AddModelError(bodyField, text["Discussion.Post.NewAccountLinks", Limits.NewAccountHours]);
                return false;
            }

            var hourAgo = now.AddHours(-1);
            var recent = await db.Posts.AsNoTracking().Where(p => p.AuthorId == authorId && p.CreatedAt > hourAgo)
                .OrderBy(p => p.CreatedAt).Select(p => p.CreatedAt).ToListAsync(cancellationToken);
            if (editing is null && recent.Count >= Limits.NewAccountPostsPerHour)
            {
                var again = recent[recent.Count - Limits.NewAccountPostsPerHour].AddHours(1);
                errors.AddModelError(bodyField, text["Discussion.Post.NewAccountRate", Limits.NewAccountPostsPerHour, LocalTime.Format(again)]);
                return false;
            }
        }

        var fingerprint = Fingerprint(trimmed);
        var since = now.AddHours(-Limits.RepeatHours);
        if (await db.Posts.AsNoTracking().AnyAsync(p => p.AuthorId == authorId && p.Fingerprint == fingerprint && p.CreatedAt > since && p.DeletedAt == null && p.Id != editing, cancellationToken))
        {
            errors.AddModelError(bodyField, text["Discussion.Post.Repeated"]);
            return false;
        }

        return true;
    }

    /// <summary>The risk check over everything the author wrote (a title too).</summary>
    public RiskAssessment Assess(string body, string? title = null) =>
        title is null ? risk.Assess(body) : Higher(risk.Assess(title), risk.Assess(body));

    /// <summary>Stores a checked post: held for review if it carries many links; flagged privately if the check found risk.</summary>
    public async Task<Post> AddAsync(int groupId, int? topicId, bool isOpening, string authorId, string body, string? warning, RiskAssessment assessment, bool postedAnyway, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var trimmed = body.Trim();
        var post = new Post
        {
            GroupId = groupId,
            TopicId = topicId,
            IsOpening = isOpening,
            AuthorId = authorId,
            Body = trimmed,
            BodyHtml = SafeMarkdown.ToHtml(trimmed),
            ContentWarning = string.IsNullOrWhiteSpace(warning) ? null : warning.Trim(),
            Fingerprint = Fingerprint(trimmed),
            State = CountLinks(trimmed) >= Limits.HoldAtLinks ? PostState.Held : PostState.Published,
            Risk = assessment.Level,
            CreatedAt = now,
        };
        db.Posts.Add(post);
        await db.SaveChangesAsync(cancellationToken);
        if (post.State == PostState.Held)
        {
            db.ModerationLog.Add(new ModerationEntry { At = now, GroupId = groupId, PostId = post.Id, SubjectId = authorId, Action = ModerationAction.HeldAutomatically, Note = "many links" });
        }

        Flag(post, assessment, postedAnyway, now);
        await db.SaveChangesAsync(cancellationToken);
        return post;
    }

    /// <summary>Replaces a post's text, marks it edited and checks it again.</summary>
    public async Task EditAsync(Post post, string body, string? warning, RiskAssessment assessment, bool postedAnyway, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var trimmed = body.Trim();
        post.Body = trimmed;
        post.BodyHtml = SafeMarkdown.ToHtml(trimmed);
        post.ContentWarning = string.IsNullOrWhiteSpace(warning) ? null : warning.Trim();
        post.Fingerprint = Fingerprint(trimmed);
        post.EditedAt = now;
        post.Risk = assessment.Level;
        if (post.State == PostState.Published && CountLinks(trimmed) >= Limits.HoldAtLinks)
        {
            post.State = PostState.Held;
            db.ModerationLog.Add(new ModerationEntry { At = now, GroupId = post.GroupId, PostId = post.Id, SubjectId = post.AuthorId, Action = ModerationAction.HeldAutomatically, Note = "many links" });
        }

        var flag = await db.SafetyFlags.SingleOrDefaultAsync(f => f.PostId == post.Id, cancellationToken);
        if (flag is not null && assessment.Level > RiskLevel.None && (flag.ReviewedAt is not null || assessment.Level > flag.Level))
        {
            // Raised again by the new words: back in the queue.
            flag.Level = assessment.Level;
            flag.Reason = Shorten(assessment.Reason);
            flag.PostedAnyway = postedAnyway;
            flag.CreatedAt = now;
            flag.ReviewedAt = null;
        }
        else if (flag is null)
        {
            Flag(post, assessment, postedAnyway, now);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private void Flag(Post post, RiskAssessment assessment, bool postedAnyway, DateTime now)
    {
        if (assessment.Level != RiskLevel.None)
        {
            db.SafetyFlags.Add(new SafetyFlag { PostId = post.Id, Level = assessment.Level, Reason = Shorten(assessment.Reason), PostedAnyway = postedAnyway, CreatedAt = now });
        }
    }

    private static string Shorten(string reason) => reason.Length <= SafetyFlag.ReasonMaxLength ? reason : reason[..SafetyFlag.ReasonMaxLength];

    private static RiskAssessment Higher(RiskAssessment a, RiskAssessment b) => a.Level >= b.Level ? a : b;

    /// <summary>Links written any way: Markdown links, bare addresses and "www." names all count.</summary>
    public static int CountLinks(string body) => LinkPattern().Count(body);

    /// <summary>The text with case and spacing folded, hashed: the same words twice give the same fingerprint.</summary>
    public static string Fingerprint(string body)
    {
        var folded = string.Join(' ', body.ToLower(CultureInfo.InvariantCulture).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(folded)));
    }

    [GeneratedRegex(@"https?://|www\.|mailto:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();
}
