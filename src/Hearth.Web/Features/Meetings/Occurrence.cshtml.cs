using System.Globalization;
using Hearth.Web.Data;
using Hearth.Web.Features.Groups;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Hearth.Web.Features.Meetings;

/// <summary>
/// One meeting. Anyone who can see the group sees when and where (and that it is cancelled); members say privately
/// whether they are going and see how many are; organisers see who, and cancel or restore it with a reason members
/// read. The online link is shown only to members who said they are going.
/// </summary>
public sealed class OccurrenceModel(HearthDb db, GroupAccess access, MeetingCalendar calendar, GroupNotices notices, UserManager<Accounts.HearthUser> users, TimeProvider clock, IStringLocalizer<Strings> text) : PageModel
{
    public GroupAndMe Access { get; private set; } = null!;

    public Occurrence Meeting { get; private set; } = null!;

    public Rsvp? Mine { get; private set; }

    public int GoingCount { get; private set; }

    public IReadOnlyList<(string Name, RsvpState State)> Answers { get; private set; } = [];

    public bool IsPast { get; private set; }

    /// <summary>The meeting has begun: organisers may keep the register.</summary>
    public bool HasStarted { get; private set; }

    /// <summary>For organisers: the group's members, those who said they were going first.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Members { get; private set; } = [];

    /// <summary>For organisers: how many came, if the register was kept.</summary>
    public AttendanceCount? Attendance { get; private set; }

    /// <summary>The register may be kept until its marks would be erased anyway.</summary>
    public bool RegisterOpen => HasStarted && !Meeting.IsCancelled && Meeting.OriginalDate.ToDateOnly() >= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddMonths(-AttendanceRegister.KeptMonths);

    [BindProperty]
    public List<string> Came { get; set; } = [];

    [BindProperty]
    public string? Others { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? MoveDate { get; set; }

    [BindProperty]
    public string? MoveTime { get; set; }

    [BindProperty]
    public string? MoveVenue { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, int seriesId, string date, CancellationToken cancellationToken) =>
        await LoadAsync(slug, seriesId, date, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRsvpAsync(string slug, int seriesId, string date, string answer, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, seriesId, date, cancellationToken))
        {
            return NotFound();
        }

        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        if (Access.Me is null)
        {
            return NotFound();
        }

        if (Meeting.IsCancelled || IsPast)
        {
            ModelState.AddModelError(string.Empty, text[Meeting.IsCancelled ? "Meetings.Rsvp.Cancelled" : "Meetings.Rsvp.Past"]);
            return Page();
        }

        if (answer is not ("going" or "cant-go"))
        {
            ModelState.AddModelError(string.Empty, text["Meetings.Rsvp.Choose"]);
            return Page();
        }

        var wantsToGo = answer == "going";
        if (Mine is not null && (wantsToGo ? Mine.State is RsvpState.Going or RsvpState.Waiting : Mine.State == RsvpState.CantGo))
        {
            ModelState.AddModelError(string.Empty, text[wantsToGo ? "Meetings.Rsvp.AlreadyGoing" : "Meetings.Rsvp.AlreadyNot"]);
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var occurrenceDate = Meeting.OriginalDate.ToDateOnly();
        var state = RsvpState.CantGo;
        if (wantsToGo)
        {
            var full = Meeting.Series.Capacity is { } capacity && GoingCount >= capacity;
            state = full ? RsvpState.Waiting : RsvpState.Going;
        }

        var wasGoing = Mine?.State == RsvpState.Going;
        if (Mine is null)
        {
            db.Rsvps.Add(new Rsvp { SeriesId = Meeting.Series.Id, OccurrenceDate = occurrenceDate, UserId = users.GetUserId(User)!, State = state, CreatedAt = now, UpdatedAt = now });
        }
        else
        {
            var id = Mine.Id;
            await db.Rsvps.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.State, state).SetProperty(r => r.UpdatedAt, now).SetProperty(r => r.CreatedAt, now), cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same answer from another tab a moment ago: one row is kept.
            ModelState.AddModelError(string.Empty, text["Meetings.Rsvp.AlreadyGoing"]);
            await LoadAsync(slug, seriesId, date, cancellationToken);
            return Page();
        }

        if (wasGoing && state == RsvpState.CantGo)
        {
            await PromoteNextAsync(occurrenceDate, now, cancellationToken);
        }

        return Redirect($"{Request.Path}?answered={state.ToString().ToLowerInvariant()}");
    }

    /// <summary>Moves this one meeting (another date, time or place) and/or adds a note members read.</summary>
    public async Task<IActionResult> OnPostChangeAsync(string slug, int seriesId, string date, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, seriesId, date, cancellationToken) || !Access.CanOrganise)
        {
            return NotFound();
        }

        if (IsPast)
        {
            ModelState.AddModelError(string.Empty, text["Meetings.Rsvp.Past"]);
            return Page();
        }

        DateOnly? movedDate = null;
        TimeOnly? movedTime = null;
        if (!string.IsNullOrWhiteSpace(MoveDate))
        {
            if (!DateOnly.TryParseExact(MoveDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                ModelState.AddModelError(nameof(MoveDate), text["Meetings.Form.DateShape"]);
            }
            else if (parsed < DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            {
                ModelState.AddModelError(nameof(MoveDate), text["Meetings.Move.NotPast"]);
            }
            else
            {
                movedDate = parsed;
            }
        }

        if (!string.IsNullOrWhiteSpace(MoveTime))
        {
            if (TimeOnly.TryParseExact(MoveTime.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                movedTime = parsed;
            }
            else
            {
                ModelState.AddModelError(nameof(MoveTime), text["Meetings.Form.TimeShape"]);
            }
        }

        if (MoveVenue?.Trim().Length > 120)
        {
            ModelState.AddModelError(nameof(MoveVenue), text["Groups.Form.TooLong", 120, MoveVenue.Trim().Length]);
        }

        if (Note?.Trim().Length > 500)
        {
            ModelState.AddModelError(nameof(Note), text["Groups.Form.TooLong", 500, Note.Trim().Length]);
        }

        if (ModelState.ErrorCount == 0 && movedDate is null && movedTime is null && string.IsNullOrWhiteSpace(MoveVenue) && string.IsNullOrWhiteSpace(Note))
        {
            ModelState.AddModelError(nameof(MoveDate), text["Meetings.Move.Nothing"]);
        }

        if (ModelState.ErrorCount > 0)
        {
            return Page();
        }

        await ChangeAsync(change =>
        {
            change.MovedToDate = movedDate ?? change.MovedToDate;
            change.MovedToTime = movedTime ?? change.MovedToTime;
            change.MovedVenueName = string.IsNullOrWhiteSpace(MoveVenue) ? change.MovedVenueName : MoveVenue.Trim();
            change.Note = string.IsNullOrWhiteSpace(Note) ? change.Note : Note.Trim();
        }, cancellationToken);
        return Redirect($"{Request.Path}?changed=1");
    }

    public async Task<IActionResult> OnPostCancelAsync(string slug, int seriesId, string date, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, seriesId, date, cancellationToken) || !Access.CanOrganise)
        {
            return NotFound();
        }

        if (IsPast)
        {
            // The page offers no cancel button once a meeting is over; a form left open must not rewrite history.
            ModelState.AddModelError(string.Empty, text["Meetings.Rsvp.Past"]);
            return Page();
        }

        if (string.IsNullOrWhiteSpace(Reason))
        {
            ModelState.AddModelError(nameof(Reason), text["Meetings.Cancel.ReasonRequired"]);
            return Page();
        }

        if (Reason.Trim().Length > 300)
        {
            ModelState.AddModelError(nameof(Reason), text["Groups.Form.TooLong", 300, Reason.Trim().Length]);
            return Page();
        }

        await ChangeAsync(change =>
        {
            change.IsCancelled = true;
            change.Reason = Reason.Trim();
        }, cancellationToken);
        return Redirect($"{Request.Path}?cancelled=1");
    }

    public async Task<IActionResult> OnPostRestoreAsync(string slug, int seriesId, string date, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, seriesId, date, cancellationToken) || !Access.CanOrganise)
        {
            return NotFound();
        }

        if (IsPast)
        {
            ModelState.AddModelError(string.Empty, text["Meetings.Rsvp.Past"]);
            return Page();
        }

        if (!Meeting.IsCancelled)
        {
            // Restored already (another organiser, or another tab): nothing to change, no one to tell.
            return Redirect($"{Request.Path}?restored=1");
        }

        await ChangeAsync(change =>
        {
            change.IsCancelled = false;
            change.Reason = null;
        }, cancellationToken);
        return Redirect($"{Request.Path}?restored=1");
    }

    /// <summary>The attendance register: who came (members ticked) and how many others; organisers only, once it has begun.</summary>
    public async Task<IActionResult> OnPostRegisterAsync(string slug, int seriesId, string date, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, seriesId, date, cancellationToken) || !Access.CanOrganise)
        {
            return NotFound();
        }

        if (!RegisterOpen)
        {
            ModelState.AddModelError(string.Empty, text["Meetings.Register.NotOpen"]);
            return Page();
        }

        var others = 0;
        if (!string.IsNullOrWhiteSpace(Others)
            && (!int.TryParse(Others.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out others) || others > AttendanceRegister.MostOthers))
        {
            ModelState.AddModelError(nameof(Others), text["Meetings.Register.OthersInvalid", AttendanceRegister.MostOthers]);
            return Page();
        }

        // Only the group's members can be marked; anything else in the form is ignored.
        var members = Members.Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        var came = Came.Where(members.Contains).Distinct(StringComparer.Ordinal).ToList();
        var day = Meeting.OriginalDate.ToDateOnly();
        var id = Meeting.Series.Id;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.AttendanceMarks.Where(a => a.SeriesId == id && a.OccurrenceDate == day).ExecuteDeleteAsync(cancellationToken);
        db.AttendanceMarks.AddRange(came.Select(userId => new AttendanceMark { SeriesId = id, OccurrenceDate = day, UserId = userId }));
        var count = await db.AttendanceCounts.SingleOrDefaultAsync(a => a.SeriesId == id && a.OccurrenceDate == day, cancellationToken);
        if (count is null)
        {
            count = new AttendanceCount { SeriesId = id, OccurrenceDate = day };
            db.AttendanceCounts.Add(count);
        }

        (count.Members, count.Others, count.UpdatedAt) = (came.Count, others, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Redirect($"{Request.Path}?registered=1");
    }

    private async Task ChangeAsync(Action<MeetingChange> apply, CancellationToken cancellationToken)
    {
        var occurrenceDate = Meeting.OriginalDate.ToDateOnly();
        var change = await db.MeetingChanges.SingleOrDefaultAsync(e => e.SeriesId == Meeting.Series.Id && e.OccurrenceDate == occurrenceDate, cancellationToken);
        if (change is null)
        {
            change = new MeetingChange { SeriesId = Meeting.Series.Id, OccurrenceDate = occurrenceDate, Sequence = Meeting.Series.Sequence };
            db.MeetingChanges.Add(change);
        }

        apply(change);
        change.Sequence++;
        change.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);

        // Everyone who said they would come (or is waiting for a place) is told.
        var seriesId = Meeting.Series.Id;
        var told = await db.Rsvps.AsNoTracking()
            .Where(r => r.SeriesId == seriesId && r.OccurrenceDate == occurrenceDate && r.State != RsvpState.CantGo)
            .Select(r => r.UserId).ToListAsync(cancellationToken);
        await notices.SendAsync(Access.Group, told, GroupNotice.MeetingChanged, Request.Path, cancellationToken);
    }

    /// <summary>A place came free: the first person waiting is going now.</summary>
    private async Task PromoteNextAsync(DateOnly occurrenceDate, DateTime now, CancellationToken cancellationToken)
    {
        var seriesId = Meeting.Series.Id;
        var next = await db.Rsvps
            .Where(r => r.SeriesId == seriesId && r.OccurrenceDate == occurrenceDate && r.State == RsvpState.Waiting)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (next is not null)
        {
            next.State = RsvpState.Going;
            next.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            await notices.SendAsync(Access.Group, [next.UserId], GroupNotice.MeetingPlace, Request.Path, cancellationToken);
        }
    }

    private async Task<bool> LoadAsync(string slug, int seriesId, string date, CancellationToken cancellationToken)
    {
        var found = await access.FindAsync(slug, User, cancellationToken);
        if (found is null || !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return false;
        }

        var series = await db.MeetingSeries.AsNoTracking().SingleOrDefaultAsync(s => s.Id == seriesId && s.GroupId == found.Group.Id, cancellationToken);
        var occurrence = series is null ? null : await calendar.FindAsync(series, day.ToLocalDate(), cancellationToken);
        if (occurrence is null)
        {
            return false;
        }

        (Access, Meeting) = (found, occurrence);
        IsPast = occurrence.End.ToInstant() <= calendar.Now;
        HasStarted = occurrence.Start.ToInstant() <= calendar.Now;
        var answers = db.Rsvps.AsNoTracking().Where(r => r.SeriesId == seriesId && r.OccurrenceDate == day);
        GoingCount = await answers.CountAsync(r => r.State == RsvpState.Going, cancellationToken);
        if (found.Me is not null)
        {
            var userId = found.Me.UserId;
            Mine = await answers.SingleOrDefaultAsync(r => r.UserId == userId, cancellationToken);
        }

        if (found.CanOrganise)
        {
            Answers = (await (from r in answers
                              join u in db.Users on r.UserId equals u.Id
                              orderby r.State == RsvpState.Going ? 0 : r.State == RsvpState.Waiting ? 1 : 2, r.CreatedAt
                              select new { u.DisplayName, r.State }).ToListAsync(cancellationToken))
                .Select(a => (a.DisplayName, a.State)).ToList();
            if (HasStarted)
            {
                var groupId = found.Group.Id;
                Members = [.. (await (from m in db.GroupMembers.AsNoTracking()
                                      join u in db.Users on m.UserId equals u.Id
                                      where m.GroupId == groupId
                                      select new { u.Id, u.DisplayName, Going = answers.Any(r => r.UserId == u.Id && r.State == RsvpState.Going) })
                                     .ToListAsync(cancellationToken))
                    .OrderByDescending(m => m.Going).ThenBy(m => m.DisplayName, StringComparer.CurrentCulture)
                    .Select(m => KeyValuePair.Create(m.Id, m.DisplayName))];
                Attendance = await db.AttendanceCounts.AsNoTracking().SingleOrDefaultAsync(a => a.SeriesId == seriesId && a.OccurrenceDate == day, cancellationToken);
                if (Request.Method == HttpMethods.Get)
                {
                    // The form starts from the register as kept; after a POST it shows what was sent.
                    Came = await db.AttendanceMarks.AsNoTracking().Where(a => a.SeriesId == seriesId && a.OccurrenceDate == day).Select(a => a.UserId).ToListAsync(cancellationToken);
                    Others = Attendance is { Others: > 0 } kept ? kept.Others.ToString(CultureInfo.InvariantCulture) : null;
                }
            }
        }

        return true;
    }
}
