using System.Globalization;
using Hearth.Web.Data;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Hearth.Web.Features.Meetings;

public sealed class ReminderOptions
{
    /// <summary>How often each node looks for reminders that are due; 0 turns the sender off on this node.</summary>
    public int PollSeconds { get; set; } = 15;

    /// <summary>How long a claimed, unsent reminder belongs to the round that claimed it before another may take it over.</summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>How many emails a node hands to the SMTP server at once.</summary>
    public int Parallelism { get; set; } = 16;
}

/// <summary>What one round did: reminders claimed (new or taken over) and handed to the mail server.</summary>
public sealed record ReminderRound(int Claimed, int Sent, int Failed);

/// <summary>
/// Reminder emails before meetings people said they would go to: by default 24 hours and 2 hours before, each
/// switchable on the person's notifications page, content-free unless they chose details, with RFC 8058 one-click
/// unsubscribe. Due reminders are found from the rules (occurrences are never stored), claimed in
/// <see cref="MeetingReminder"/> so that each is sent once across restarts and nodes, then sent.
/// </summary>
public sealed class MeetingReminders(
    HearthDb db,
    MailTransport transport,
    IStringLocalizer<Strings> text,
    IOptions<MailOptions> mail,
    IOptions<ReminderOptions> options,
    IDataProtectionProvider protection,
    IHostEnvironment environment,
    IServer server,
    TimeProvider clock)
{
    public const int DayBefore = 24 * 60;
    public const int HoursBefore = 2 * 60;

    /// <summary>Claims stay this long after the meeting, then go: who went where is not kept for its own sake.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromDays(2);

    private const int ClaimBatch = 500;
    private const int SendBatch = 100;

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The token in a reminder's unsubscribe link: the person's id, protected, so that it cannot be made up.</summary>
    public static IDataProtector StopProtector(IDataProtectionProvider provider) => provider.CreateProtector("Hearth.Meetings.Reminders.Stop");

    public async Task<ReminderRound> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var round = Guid.NewGuid().ToString("N");
        var claimed = await ClaimDueAsync(now, round, cancellationToken);
        claimed += await TakeOverAbandonedAsync(now, round, cancellationToken);
        var (sent, failed) = await SendClaimedAsync(round, now, cancellationToken);
        await db.MeetingReminders.Where(r => r.StartsAt < now - Kept).ExecuteDeleteAsync(cancellationToken);
        return new ReminderRound(claimed, sent, failed);
    }

    private async Task<int> ClaimDueAsync(DateTime now, string round, CancellationToken cancellationToken)
    {
        var nowInstant = Instant.FromDateTimeUtc(now);
        var today = DateOnly.FromDateTime(now);
        // An occurrence in the next day starts on its rule's date, give or take a day of time zones, unless it was moved
        // (up to 62 days, to another date): so only the series with someone going in those few days, and the series
        // with an occurrence moved, are expanded. Both questions are answered by an index.
        var seriesIds = await db.Rsvps.AsNoTracking()
            .Where(r => r.OccurrenceDate >= today.AddDays(-2) && r.OccurrenceDate <= today.AddDays(2) && r.State == RsvpState.Going)
            .Select(r => r.SeriesId)
            .Union(db.MeetingChanges.AsNoTracking()
                .Where(c => c.OccurrenceDate >= today.AddDays(-63) && c.OccurrenceDate <= today.AddDays(63) && !c.IsCancelled && (c.MovedToDate != null || c.MovedToTime != null))
                .Select(c => c.SeriesId))
            .ToListAsync(cancellationToken);
        if (seriesIds.Count == 0)
        {
            return 0;
        }

        var series = await db.MeetingSeries.AsNoTracking().Where(s => seriesIds.Contains(s.Id)).ToListAsync(cancellationToken);
        var changes = (await db.MeetingChanges.AsNoTracking().Where(c => seriesIds.Contains(c.SeriesId)).ToListAsync(cancellationToken))
            .ToLookup(c => c.SeriesId);
        var soon = series
            .SelectMany(s => Recurrence.Between(s, [.. changes[s.Id]], nowInstant, nowInstant + Duration.FromMinutes(DayBefore)))
            .Where(o => !o.IsCancelled && MayBeDue(o.Start.ToInstant(), nowInstant))
            .ToDictionary(o => (o.Series.Id, o.OriginalDate.ToDateOnly()));
        if (soon.Count == 0)
        {
            return 0;
        }

        var soonSeries = soon.Keys.Select(k => k.Item1).Distinct().ToList();
        var soonDates = soon.Keys.Select(k => k.Item2).Distinct().ToList();
        // Only members are reminded (someone who left or was removed keeps an old answer), and not during a break.
        var going = await db.Rsvps.AsNoTracking()
            .Where(r => r.State == RsvpState.Going && soonSeries.Contains(r.SeriesId) && soonDates.Contains(r.OccurrenceDate))
            .Where(r => db.MeetingSeries.Any(s => s.Id == r.SeriesId
                && db.GroupMembers.Any(m => m.GroupId == s.GroupId && m.UserId == r.UserId && (m.BreakUntil == null || m.BreakUntil <= now))))
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { r.SeriesId, r.OccurrenceDate, r.UserId, r.UpdatedAt, u.RemindDayBefore, u.RemindHoursBefore, u.EmailConfirmed, u.DeletionDueAt })
            .Where(x => x.EmailConfirmed && x.DeletionDueAt == null && (x.RemindDayBefore || x.RemindHoursBefore))
            .ToListAsync(cancellationToken);

        // Reminders claimed already (sent, or being sent) are not tried again each round; the insert below still
        // decides any race between nodes.
        var claimedBefore = (await db.MeetingReminders.AsNoTracking()
            .Where(r => soonSeries.Contains(r.SeriesId) && soonDates.Contains(r.OccurrenceDate))
            .Select(r => new { r.UserId, r.SeriesId, r.OccurrenceDate, r.MinutesBefore }).ToListAsync(cancellationToken))
            .Select(r => (r.UserId, r.SeriesId, r.OccurrenceDate, r.MinutesBefore)).ToHashSet();

        var due = new List<MeetingReminder>();
        foreach (var answer in going)
        {
            if (!soon.TryGetValue((answer.SeriesId, answer.OccurrenceDate), out var occurrence))
            {
                continue;
            }

            var start = occurrence.Start.ToInstant().ToDateTimeUtc();
            // The nearest reminder that is due, only if the person had said yes before it was due (someone who answers
            // an hour before needs no reminder), and not if it is more than half its notice late (after a pause in
            // sending, a day-before reminder on the day itself would only confuse).
            int? minutes = null;
            foreach (var before in new[] { answer.RemindHoursBefore ? HoursBefore : 0, answer.RemindDayBefore ? DayBefore : 0 })
            {
                var dueAt = start.AddMinutes(-before);
                if (before > 0 && IsDue(dueAt, before, now) && answer.UpdatedAt <= dueAt)
                {
                    minutes = before;
                    break;
                }
            }

            if (minutes is { } chosen && !claimedBefore.Contains((answer.UserId, answer.SeriesId, answer.OccurrenceDate, chosen)))
            {
                due.Add(new MeetingReminder { UserId = answer.UserId, SeriesId = answer.SeriesId, OccurrenceDate = answer.OccurrenceDate, MinutesBefore = chosen, StartsAt = start, ClaimedBy = round, ClaimedAt = now });
            }
        }

        // Each insert either claims the reminder or finds it claimed already (by this node earlier, or another).
        var claimed = 0;
        foreach (var batch in due.Chunk(ClaimBatch))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var r in batch)
            {
                claimed += await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "MeetingReminders" ("UserId", "SeriesId", "OccurrenceDate", "MinutesBefore", "StartsAt", "ClaimedBy", "ClaimedAt")
                    VALUES ({r.UserId}, {r.SeriesId}, {r.OccurrenceDate}, {r.MinutesBefore}, {r.StartsAt}, {r.ClaimedBy}, {r.ClaimedAt})
                    ON CONFLICT DO NOTHING
                    """, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return claimed;
    }

    /// <summary>Whether one of the reminders of a meeting starting then is due now (for someone who wants it).</summary>
    private static bool MayBeDue(Instant start, Instant now) =>
        new[] { HoursBefore, DayBefore }.Any(before => IsDue(start.ToDateTimeUtc().AddMinutes(-before), before, now.ToDateTimeUtc()));

    /// <summary>A reminder <paramref name="before"/> minutes ahead is due from its moment until half its notice has passed.</summary>
    private static bool IsDue(DateTime dueAt, int before, DateTime now) => dueAt <= now && now - dueAt <= TimeSpan.FromMinutes(before / 2.0);

    /// <summary>
    /// Reminders claimed by a round that never marked them sent (its node stopped, or the mail server refused) are
    /// taken over once the lease is over, while the meeting is still ahead. One UPDATE, so two nodes cannot both win.
    /// </summary>
    private Task<int> TakeOverAbandonedAsync(DateTime now, string round, CancellationToken cancellationToken)
    {
        var expired = now.AddSeconds(-options.Value.LeaseSeconds);
        return db.MeetingReminders
            .Where(r => r.SentAt == null && r.ClaimedAt < expired && r.StartsAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedBy, round).SetProperty(r => r.ClaimedAt, now), cancellationToken);
    }

    private async Task<(int Sent, int Failed)> SendClaimedAsync(string round, DateTime claimedAt, CancellationToken cancellationToken)
    {
        var mine = await db.MeetingReminders.AsNoTracking().Where(r => r.ClaimedBy == round && r.SentAt == null).ToListAsync(cancellationToken);
        if (mine.Count == 0)
        {
            return (0, 0);
        }

        var origin = Origin();
        if (origin is null)
        {
            // Without Hearth:Mail:BaseUrl the links cannot be written; the claims wait for their lease to end.
            return (0, mine.Count);
        }

        var userIds = mine.Select(r => r.UserId).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.Email != null)
            .Select(u => new { u.Id, u.Email, u.EmailsIncludeDetails }).ToDictionaryAsync(u => u.Id, cancellationToken);
        var seriesIds = mine.Select(r => r.SeriesId).Distinct().ToList();
        var series = await db.MeetingSeries.AsNoTracking().Where(s => seriesIds.Contains(s.Id))
            .Join(db.Groups, s => s.GroupId, g => g.Id, (s, g) => new { s.Id, s.Title, s.TimeZone, g.Name, g.Slug })
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        var stop = StopProtector(protection);
        var lease = TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        int sent = 0, failed = 0;
        foreach (var batch in mine.Chunk(SendBatch))
        {
            // Past most of the lease another round may take these over: leave them to it rather than risk sending twice.
            if (clock.GetUtcNow().UtcDateTime - claimedAt > lease * 0.75)
            {
                failed += mine.Count - sent - failed;
                break;
            }

            var delivered = new System.Collections.Concurrent.ConcurrentBag<int>();
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.Parallelism), CancellationToken = cancellationToken }, async (reminder, token) =>
            {
                if (!people.TryGetValue(reminder.UserId, out var person) || !series.TryGetValue(reminder.SeriesId, out var meeting))
                {
                    return;
                }

                var zone = Recurrence.FindZone(meeting.TimeZone) ?? DateTimeZone.Utc;
                var local = Instant.FromDateTimeUtc(DateTime.SpecifyKind(reminder.StartsAt, DateTimeKind.Utc)).InZone(zone).LocalDateTime;
                var day = local.ToString("dddd d MMMM", English);
                var time = local.ToString("HH:mm", English);
                var stopUrl = $"{origin}/reminders/stop/{stop.Protect(reminder.UserId)}";
                var settingsUrl = $"{origin}/account/notifications";
                var occurrenceUrl = MeetingsExtensions.OccurrenceUrl(origin, meeting.Slug, reminder.SeriesId, reminder.OccurrenceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                var message = person.EmailsIncludeDetails
                    ? new MailMessageToSend(person.Email!, text["Email.Reminder.Details.Subject", meeting.Name, day, time].Value,
                        Body("Email.Reminder.Details.Body", meeting.Name, meeting.Title, day, time, occurrenceUrl, stopUrl, settingsUrl), StopHeaders(stopUrl))
                    // Not the occurrence's own page: its address names the group.
                    : new MailMessageToSend(person.Email!, text["Email.Reminder.Subject"].Value,
                        Body("Email.Reminder.Body", day, time, $"{origin}{GroupNotices.ContentFreePath}", stopUrl, settingsUrl), StopHeaders(stopUrl));
                try
                {
                    await transport.SendAsync(message, token);
                    delivered.Add(reminder.Id);
                }
                catch (Exception e) when (MailTransport.IsDeliveryFailure(e))
                {
                    // Left claimed and unsent: taken over and tried again after the lease, while the meeting is ahead.
                }
            });

            var ids = delivered.ToList();
            var at = clock.GetUtcNow().UtcDateTime;
            await db.MeetingReminders.Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.SentAt, at), cancellationToken);
            sent += ids.Count;
            failed += batch.Length - ids.Count;
        }

        return (sent, failed);
    }

    private string Body(string key, params object[] arguments) => text[key, arguments].Value.Replace("\\n", "\n", StringComparison.Ordinal);

    /// <summary>RFC 8058: mail programs show an unsubscribe button that POSTs to the link, with no sign-in.</summary>
    private static Dictionary<string, string> StopHeaders(string stopUrl) => new()
    {
        ["List-Unsubscribe"] = $"<{stopUrl}>",
        ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
    };

    private string? Origin() => PublicAddress.Background(mail.Value, environment, server);
}

/// <summary>
/// Runs a reminder round every <see cref="ReminderOptions.PollSeconds"/> on every node (the claims keep each reminder
/// once), and erases attendance marks older than <see cref="AttendanceRegister.KeptMonths"/> months.
/// </summary>
public sealed partial class ReminderSender(IServiceScopeFactory scopes, IOptions<ReminderOptions> options, TimeProvider clock, ILogger<ReminderSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.PollSeconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PollSeconds), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var round = await scope.ServiceProvider.GetRequiredService<MeetingReminders>().RunOnceAsync(stoppingToken);
                // The same rounds erase attendance marks past their time (the counts stay).
                await AttendanceRegister.EraseOldMarksAsync(scope.ServiceProvider.GetRequiredService<HearthDb>(), clock.GetUtcNow().UtcDateTime, stoppingToken);
                if (round.Failed > 0)
                {
                    LogFailed(round.Failed);
                }
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException && !stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} meeting reminders could not be sent this round; they are tried again after their lease")]
    private partial void LogFailed(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A meeting reminder round failed ({Error}); trying again next round")]
    private partial void LogRoundFailed(string error);
}
