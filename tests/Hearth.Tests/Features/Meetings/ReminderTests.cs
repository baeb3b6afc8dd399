using System.Globalization;
using Hearth.Tests.Features.Groups;
using Hearth.Web.Features.Accounts;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Meetings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Hearth.Tests.Features.Meetings;

/// <summary>A host whose mail leaves through SMTP to a sink, on a clock the tests set; reminders run when a test asks.</summary>
public class ReminderFactory : HearthFactory
{
    public ReminderFactory() => (Sink, OwnsSink) = (new SmtpSink(), true);

    protected ReminderFactory(TestDatabase shared, SmtpSink sink, int pollSeconds)
        : base(shared) => (Sink, PollSeconds) = (sink, pollSeconds);

    public SmtpSink Sink { get; }

    public TestClock Clock { get; } = new();

    private int PollSeconds { get; }

    private bool OwnsSink { get; }

    protected override bool SeedDemo => false;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(Sink.Settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
    {
        ["Hearth:Mail:BaseUrl"] = "https://hearth.test",
        ["Hearth:Reminders:PollSeconds"] = PollSeconds.ToString(CultureInfo.InvariantCulture),
        ["Hearth:Reminders:LeaseSeconds"] = "120",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Sets the host's clock to <paramref name="instant"/> (tests only move it forward from the real time).</summary>
    public void SetNow(Instant instant) => Clock.Advance(instant.ToDateTimeUtc() - Clock.GetUtcNow().UtcDateTime);

    public async Task<ReminderRound> RunRoundAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MeetingReminders>().RunOnceAsync(CancellationToken.None);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (OwnsSink)
        {
            await Sink.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>A second (or third) Hearth node on the same database and mail server, sending reminders on its own timer.</summary>
public sealed class ReminderNode(TestDatabase shared, SmtpSink sink) : ReminderFactory(shared, sink, pollSeconds: 1)
{
    protected override bool CreatesFirstAccount => false;
}

public sealed class ReminderTests(ReminderFactory factory) : IClassFixture<ReminderFactory>
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    [Fact]
    public async Task Two_hours_before_each_person_going_gets_one_content_free_reminder_with_one_click_unsubscribe()
    {
        var (group, series, start) = await OneMeetingAsync(days: 3);
        var said = start - Duration.FromDays(2);
        var plain = await PersonAsync(group.Id);
        var details = await PersonAsync(group.Id, u => u.EmailsIncludeDetails = true);
        var late = await PersonAsync(group.Id);
        var cannot = await PersonAsync(group.Id);
        var resting = await PersonAsync(group.Id, breakUntil: start + Duration.FromDays(7));
        var dayOnly = await PersonAsync(group.Id, u => u.RemindHoursBefore = false);
        var none = await PersonAsync(group.Id, u => (u.RemindDayBefore, u.RemindHoursBefore) = (false, false));
        var unconfirmed = await PersonAsync(group.Id, u => u.EmailConfirmed = false);
        var left = await PersonAsync(groupId: null);
        await AnswerAsync(series, start, said, RsvpState.Going, plain, details, resting, dayOnly, none, unconfirmed, left);
        await AnswerAsync(series, start, said, RsvpState.CantGo, cannot);
        await AnswerAsync(series, start, start - Duration.FromMinutes(90), RsvpState.Going, late);

        // Nothing ran the day before: three hours before, that reminder is too late to send, and the 2-hour one is not due.
        factory.SetNow(start - Duration.FromHours(3));
        Assert.Equal(new ReminderRound(0, 0, 0), await factory.RunRoundAsync());
        factory.SetNow(start - Duration.FromHours(2) + Duration.FromSeconds(20));
        var round = await factory.RunRoundAsync();
        var again = await factory.RunRoundAsync();

        Assert.Equal(new ReminderRound(2, 2, 0), round);
        Assert.Equal(new ReminderRound(0, 0, 0), again);
        foreach (var nobody in new[] { late, cannot, resting, dayOnly, none, unconfirmed, left })
        {
            Assert.Empty(factory.Sink.To(nobody.Email!));
        }

        var local = start.InZone(London);
        var day = local.ToString("dddd d MMMM", CultureInfo.GetCultureInfo("en-GB"));
        var time = local.ToString("HH:mm", CultureInfo.InvariantCulture);

        var contentFree = Assert.Single(factory.Sink.To(plain.Email!));
        Assert.Equal("A reminder from Hearth", contentFree.Email.Subject);
        Assert.Contains($"You said you would go to a meeting on {day} at {time}.", contentFree.Email.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(group.Name, contentFree.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain(group.Slug, contentFree.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain(series.Title, contentFree.Raw, StringComparison.Ordinal);
        Assert.Contains("https://hearth.test/groups/mine", contentFree.Email.Body, StringComparison.Ordinal);
        var stop = contentFree.Email.Header("List-Unsubscribe");
        Assert.Matches(@"^<https://hearth\.test/reminders/stop/[A-Za-z0-9_-]+>$", stop);
        Assert.Equal("List-Unsubscribe=One-Click", contentFree.Email.Header("List-Unsubscribe-Post"));
        Assert.Contains(stop![1..^1], contentFree.Email.Body, StringComparison.Ordinal);

        var withDetails = Assert.Single(factory.Sink.To(details.Email!));
        Assert.Equal($"Reminder: {group.Name}, {day} at {time}", withDetails.Email.Subject);
        Assert.Contains($"https://hearth.test/groups/{group.Slug}/meetings/{series.Id}/{local.Date:yyyy-MM-dd}", withDetails.Email.Body, StringComparison.Ordinal);
        Assert.NotEqual(stop, withDetails.Email.Header("List-Unsubscribe"));
    }

    [Fact]
    public async Task The_day_before_then_two_hours_before_and_after_a_pause_in_sending_only_the_nearer_one()
    {
        var (group, series, start) = await OneMeetingAsync(days: 5);
        var person = await PersonAsync(group.Id);
        var (_, missed, missedStart) = await OneMeetingAsync(days: 8, group: group);
        var both = await PersonAsync(group.Id);
        await AnswerAsync(series, start, start - Duration.FromDays(3), RsvpState.Going, person);
        await AnswerAsync(missed, missedStart, missedStart - Duration.FromDays(3), RsvpState.Going, both);

        factory.SetNow(start - Duration.FromHours(24) + Duration.FromSeconds(30));
        Assert.Equal(1, (await factory.RunRoundAsync()).Sent);
        factory.SetNow(start - Duration.FromHours(2) + Duration.FromSeconds(30));
        Assert.Equal(1, (await factory.RunRoundAsync()).Sent);
        await using (var db = factory.OpenDb())
        {
            var kinds = await db.MeetingReminders.AsNoTracking().Where(r => r.UserId == person.Id).OrderBy(r => r.MinutesBefore).Select(r => r.MinutesBefore).ToListAsync();
            Assert.Equal([MeetingReminders.HoursBefore, MeetingReminders.DayBefore], kinds);
        }

        // The later meeting's reminders fell in a time Hearth was not sending: 75 minutes before, only the 2-hour one goes.
        factory.SetNow(missedStart - Duration.FromMinutes(75));
        Assert.Equal(1, (await factory.RunRoundAsync()).Sent);
        factory.SetNow(missedStart + Duration.FromMinutes(5));
        Assert.Equal(0, (await factory.RunRoundAsync()).Sent);

        Assert.Equal(2, factory.Sink.To(person.Email!).Count);
        Assert.Single(factory.Sink.To(both.Email!));
        // Two days after a meeting its claims are gone: who went where is not kept for its own sake.
        await using var later = factory.OpenDb();
        Assert.False(await later.MeetingReminders.AnyAsync(r => r.UserId == person.Id));
    }

    [Fact]
    public async Task A_cancelled_meeting_sends_no_reminder_and_a_moved_one_is_reminded_at_its_new_time()
    {
        var (group, series, start) = await OneMeetingAsync(days: 7, frequency: Frequency.Weekly);
        var next = start + Duration.FromDays(7);
        var person = await PersonAsync(group.Id, u => u.RemindDayBefore = false);
        await AnswerAsync(series, start, start - Duration.FromDays(3), RsvpState.Going, person);
        await AnswerAsync(series, next, start - Duration.FromDays(3), RsvpState.Going, person);
        var movedTo = next.InZone(London).LocalDateTime.PlusHours(1);
        await using (var db = factory.OpenDb())
        {
            db.MeetingChanges.Add(new MeetingChange { SeriesId = series.Id, OccurrenceDate = Date(start), IsCancelled = true, Reason = "The hall is closed.", UpdatedAt = DateTime.UtcNow });
            db.MeetingChanges.Add(new MeetingChange { SeriesId = series.Id, OccurrenceDate = Date(next), MovedToTime = new TimeOnly(movedTo.Hour, movedTo.Minute), UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        factory.SetNow(start - Duration.FromHours(2) + Duration.FromSeconds(30));
        Assert.Equal(0, (await factory.RunRoundAsync()).Sent);
        factory.SetNow(next - Duration.FromHours(2) + Duration.FromSeconds(30));
        Assert.Equal(0, (await factory.RunRoundAsync()).Sent);
        factory.SetNow(next - Duration.FromHours(1) + Duration.FromSeconds(30));
        Assert.Equal(1, (await factory.RunRoundAsync()).Sent);

        var reminder = Assert.Single(factory.Sink.To(person.Email!));
        Assert.Contains($"at {movedTo:HH:mm}.", reminder.Email.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_meeting_moved_weeks_earlier_is_reminded_on_its_new_date()
    {
        // The round looks only at answers for the next few days, and at every moved meeting: this one is named by a
        // date five weeks away, and now falls the day after tomorrow.
        var (group, series, start) = await OneMeetingAsync(days: 2, frequency: Frequency.Weekly);
        var original = start + Duration.FromDays(35);
        var person = await PersonAsync(group.Id, u => u.RemindDayBefore = false);
        await AnswerAsync(series, original, start - Duration.FromDays(1), RsvpState.Going, person);
        var movedTo = start.InZone(London).LocalDateTime.PlusHours(1);
        await using (var db = factory.OpenDb())
        {
            db.MeetingChanges.Add(new MeetingChange { SeriesId = series.Id, OccurrenceDate = Date(start), IsCancelled = true, UpdatedAt = DateTime.UtcNow });
            db.MeetingChanges.Add(new MeetingChange { SeriesId = series.Id, OccurrenceDate = Date(original), MovedToDate = new DateOnly(movedTo.Year, movedTo.Month, movedTo.Day), MovedToTime = new TimeOnly(movedTo.Hour, movedTo.Minute), UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        factory.SetNow(start - Duration.FromHours(1) + Duration.FromSeconds(30));
        Assert.Equal(1, (await factory.RunRoundAsync()).Sent);

        var reminder = Assert.Single(factory.Sink.To(person.Email!));
        Assert.Contains($"at {movedTo:HH:mm}.", reminder.Email.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_unsubscribe_link_asks_when_opened_and_stops_reminders_on_a_one_click_post_without_signing_in()
    {
        var (group, series, start) = await OneMeetingAsync(days: 9);
        var person = await PersonAsync(group.Id);
        var other = await PersonAsync(group.Id);
        await AnswerAsync(series, start, start - Duration.FromDays(3), RsvpState.Going, person, other);
        factory.SetNow(start - Duration.FromHours(2) + Duration.FromSeconds(30));
        await factory.RunRoundAsync();
        var link = new Uri(factory.Sink.To(person.Email!).Single().Email.Header("List-Unsubscribe")![1..^1]);
        var client = factory.CreateBrowserLikeClient();

        var opened = await client.GetDocumentAsync(link.PathAndQuery);
        Assert.Equal("Stop meeting reminders", opened.Heading());
        Assert.True((await UserAsync(person.Id)).RemindHoursBefore, "Opening the link changed something.");

        using var content = new FormUrlEncodedContent([KeyValuePair.Create("List-Unsubscribe", "One-Click")]);
        using var posted = await client.PostAsync(link.PathAndQuery, content);
        Assert.Equal(System.Net.HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Meeting reminders are off.", (await posted.ReadDocumentAsync()).MainText(), StringComparison.Ordinal);
        var stopped = await UserAsync(person.Id);
        Assert.Equal((false, false), (stopped.RemindDayBefore, stopped.RemindHoursBefore));
        var untouched = await UserAsync(other.Id);
        Assert.Equal((true, true), (untouched.RemindDayBefore, untouched.RemindHoursBefore));

        foreach (var made in new[] { "/reminders/stop/not-a-token", $"{link.AbsolutePath[..^4]}abcd" })
        {
            using var get = await client.GetAsync(made);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, get.StatusCode);
            using var body = new FormUrlEncodedContent([KeyValuePair.Create("List-Unsubscribe", "One-Click")]);
            using var post = await client.PostAsync(made, body);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, post.StatusCode);
        }
    }

    [Fact]
    public async Task A_reminder_the_mail_server_refused_is_tried_again_after_its_lease_and_sent_once()
    {
        var (group, series, start) = await OneMeetingAsync(days: 11);
        var person = await PersonAsync(group.Id);
        await AnswerAsync(series, start, start - Duration.FromDays(3), RsvpState.Going, person);
        factory.SetNow(start - Duration.FromHours(2) + Duration.FromSeconds(5));

        factory.Sink.Refuse = true;
        ReminderRound refused;
        try
        {
            refused = await factory.RunRoundAsync();
        }
        finally
        {
            factory.Sink.Refuse = false;
        }

        var tooSoon = await factory.RunRoundAsync();
        factory.SetNow(start - Duration.FromHours(2) + Duration.FromSeconds(130));
        var retried = await factory.RunRoundAsync();
        var after = await factory.RunRoundAsync();

        Assert.Equal(new ReminderRound(1, 0, 1), refused);
        Assert.Equal(new ReminderRound(0, 0, 0), tooSoon);
        Assert.Equal(new ReminderRound(1, 1, 0), retried);
        Assert.Equal(new ReminderRound(0, 0, 0), after);
        Assert.Single(factory.Sink.To(person.Email!));
    }

    [Fact]
    public async Task Two_nodes_on_one_database_send_each_reminder_once_and_so_does_a_restarted_node()
    {
        // Real time here: the nodes run their own timers. The meeting starts a little under two hours from now, so its
        // 2-hour reminders are due at once; a third person's claim was left unsent by a node that stopped mid-round.
        var now = SystemClock.Instance.GetCurrentInstant();
        var (group, series, start) = await OneMeetingAsync(at: now + Duration.FromMinutes(119));
        var people = new List<HearthUser>();
        for (var i = 0; i < 30; i++)
        {
            people.Add(await PersonAsync(group.Id));
        }

        await AnswerAsync(series, start, now - Duration.FromDays(2), RsvpState.Going, [.. people]);
        var abandoned = await PersonAsync(group.Id);
        await AnswerAsync(series, start, now - Duration.FromDays(2), RsvpState.Going, abandoned);
        await using (var db = factory.OpenDb())
        {
            db.MeetingReminders.Add(new MeetingReminder
            {
                UserId = abandoned.Id,
                SeriesId = series.Id,
                OccurrenceDate = Date(start),
                MinutesBefore = MeetingReminders.HoursBefore,
                StartsAt = start.ToDateTimeUtc(),
                ClaimedBy = "a-node-that-stopped",
                ClaimedAt = (now - Duration.FromMinutes(10)).ToDateTimeUtc(),
            });
            await db.SaveChangesAsync();
        }

        await using var sink = new SmtpSink();
        await using (var first = new ReminderNode(factory.Database, sink))
        await using (var second = new ReminderNode(factory.Database, sink))
        {
            await ((IAsyncLifetime)first).InitializeAsync();
            await ((IAsyncLifetime)second).InitializeAsync();
            _ = first.Server;
            _ = second.Server;
            await sink.WaitForAsync(31, TimeSpan.FromSeconds(60));
            // Several more rounds on each node.
            await Task.Delay(TimeSpan.FromSeconds(4));
        }

        await using (var restarted = new ReminderNode(factory.Database, sink))
        {
            await ((IAsyncLifetime)restarted).InitializeAsync();
            _ = restarted.Server;
            await Task.Delay(TimeSpan.FromSeconds(4));
        }

        Assert.Equal(31, sink.Received.Count);
        foreach (var person in people.Append(abandoned))
        {
            Assert.Single(sink.To(person.Email!));
        }

        await using var check = factory.OpenDb();
        var rows = await check.MeetingReminders.AsNoTracking().Where(r => r.SeriesId == series.Id).ToListAsync();
        Assert.Equal(31, rows.Count);
        Assert.All(rows, r => Assert.NotNull(r.SentAt));
    }

    private static DateOnly Date(Instant start)
    {
        var local = start.InZone(London).Date;
        return new DateOnly(local.Year, local.Month, local.Day);
    }

    /// <summary>A group with one meeting <paramref name="days"/> days from the test clock's now at the hour given (London), or at <paramref name="at"/>.</summary>
    private async Task<(Group Group, MeetingSeries Series, Instant Start)> OneMeetingAsync(int days = 3, Group? group = null, int hour = 18, Frequency frequency = Frequency.Once, Instant? at = null)
    {
        group ??= await factory.CreateGroupAsync();
        var local = at?.InZone(London).LocalDateTime
            ?? Instant.FromDateTimeOffset(factory.Clock.GetUtcNow()).InZone(London).Date.PlusDays(days).At(new LocalTime(hour, 30));
        var series = await factory.AddSeriesAsync(group.Id, s =>
        {
            s.Frequency = frequency;
            s.StartDate = new DateOnly(local.Year, local.Month, local.Day);
            s.StartTime = new TimeOnly(local.Hour, local.Minute);
        });
        return (group, series, London.AtLeniently(new LocalDateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute)).ToInstant());
    }

    /// <summary>
    /// A person with a confirmed address who belongs to the group, or to none (someone who answered and then left); made
    /// directly, because this host's mail goes to the sink.
    /// </summary>
    private async Task<HearthUser> PersonAsync(int? groupId, Action<HearthUser>? configure = null, Instant? breakUntil = null)
    {
        var id = Guid.NewGuid().ToString("N");
        var user = new HearthUser
        {
            UserName = $"{id}@example.invalid",
            NormalizedUserName = $"{id}@EXAMPLE.INVALID",
            Email = $"{id}@example.invalid",
            NormalizedEmail = $"{id}@EXAMPLE.INVALID",
            EmailConfirmed = true,
            DisplayName = $"Person {id[..8]}",
            NormalizedDisplayName = $"PERSON {id[..8].ToUpperInvariant()}",
            CreatedAt = DateTime.UtcNow,
            TermsAcceptedAt = DateTime.UtcNow,
            SecurityStamp = id,
        };
        configure?.Invoke(user);
        await using var db = factory.OpenDb();
        db.Users.Add(user);
        if (groupId is not null)
        {
            db.GroupMembers.Add(new GroupMember { GroupId = groupId.Value, UserId = user.Id, Role = GroupRole.Member, JoinedAt = DateTime.UtcNow.AddDays(-30), AgreementVersionAccepted = 1, BreakUntil = breakUntil?.ToDateTimeUtc() });
        }

        await db.SaveChangesAsync();
        return user;
    }

    private async Task<HearthUser> UserAsync(string id)
    {
        await using var db = factory.OpenDb();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    private async Task AnswerAsync(MeetingSeries series, Instant start, Instant when, RsvpState state, params HearthUser[] people)
    {
        await using var db = factory.OpenDb();
        foreach (var person in people)
        {
            db.Rsvps.Add(new Rsvp { SeriesId = series.Id, OccurrenceDate = Date(start), UserId = person.Id, State = state, CreatedAt = when.ToDateTimeUtc(), UpdatedAt = when.ToDateTimeUtc() });
        }

        await db.SaveChangesAsync();
    }
}
