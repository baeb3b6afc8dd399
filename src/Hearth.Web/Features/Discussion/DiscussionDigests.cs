using Hearth.Web.Data;
using Hearth.Web.Features.Mail;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Hearth.Web.Features.Discussion;

public sealed class DigestOptions
{
    /// <summary>How often each node looks for digests to send; 0 turns digests off on this node.</summary>
    public int PollMinutes { get; set; } = 10;
}

/// <summary>
/// The optional daily email of new replies and announcements, for people who chose it: content-free (how many, and
/// a link to their notifications) unless they chose details, then each group and topic by name. At most one a day
/// per person; the conditional update that stamps <c>DigestSentAt</c> decides which node sends it.
/// </summary>
public sealed class DiscussionDigests(HearthDb db, Mailer mailer, IStringLocalizer<Strings> text, IOptions<MailOptions> mail, IHostEnvironment environment, IServer server, TimeProvider clock)
{
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (PublicAddress.Background(mail.Value, environment, server) is not { } origin)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var dayAgo = now.AddHours(-24);
        var due = await db.Users.AsNoTracking()
            .Where(u => u.DiscussionDigest && u.EmailConfirmed && u.Email != null && (u.DigestSentAt == null || u.DigestSentAt <= dayAgo)
                && db.DiscussionNotices.Any(n => n.UserId == u.Id && n.ReadAt == null && n.EmailedAt == null))
            .Select(u => new { u.Id, u.Email, u.EmailsIncludeDetails }).Take(500).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var person in due)
        {
            var claimed = await db.Users.Where(u => u.Id == person.Id && (u.DigestSentAt == null || u.DigestSentAt <= dayAgo))
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.DigestSentAt, now), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            var notices = await (from n in db.DiscussionNotices.AsNoTracking()
                                 join g in db.Groups on n.GroupId equals g.Id
                                 join t in db.Topics on n.TopicId equals t.Id into ts
                                 from t in ts.DefaultIfEmpty()
                                 where n.UserId == person.Id && n.ReadAt == null && n.EmailedAt == null
                                 orderby n.CreatedAt
                                 select new { n.Id, n.Kind, Group = g.Name, Topic = t == null || t.DeletedAt != null ? null : t.Title }).ToListAsync(cancellationToken);
            var link = $"{origin}/notifications";
            var settings = $"{origin}/account/notifications";
            var message = person.EmailsIncludeDetails
                ? new MailMessageToSend(person.Email!, text["Email.Digest.Details.Subject", notices.Count],
                    Body("Email.Digest.Details.Body", string.Join('\n', notices.Select(n => $"- {text[$"Notifications.{(n.Kind == DiscussionNoticeKind.Announcement ? "Announcement" : "Reply")}", n.Group]}{(n.Topic is null ? "" : $": {n.Topic}")}")), link, settings))
                : new MailMessageToSend(person.Email!, text["Email.Digest.Subject"], Body("Email.Digest.Body", notices.Count, link, settings));
            mailer.Send(message);
            var ids = notices.Select(n => n.Id).ToList();
            await db.DiscussionNotices.Where(n => ids.Contains(n.Id)).ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailedAt, now), cancellationToken);
            sent++;
        }

        return sent;
    }

    private string Body(string key, params object[] arguments) => text[key, arguments].Value.Replace("\\n", "\n", StringComparison.Ordinal);
}

/// <summary>Runs <see cref="DiscussionDigests"/> every <see cref="DigestOptions.PollMinutes"/> on every node.</summary>
public sealed partial class DigestSender(IServiceScopeFactory scopes, IOptions<DigestOptions> options, TimeProvider clock, ILogger<DigestSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.PollMinutes <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.PollMinutes), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DiscussionDigests>().RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException && !stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A discussion digest round failed ({Error}); trying again next round")]
    private partial void LogRoundFailed(string error);
}
