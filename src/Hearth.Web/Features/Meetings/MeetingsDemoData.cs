using Hearth.Web.Data;
using Hearth.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Meetings;

/// <summary>
/// Demo meetings: Prestatyn every Thursday at 18:30, Chard on the first Tuesday of the month, Cardiff every other
/// Wednesday with a summer break, and the online evening chat every Monday.
/// </summary>
internal sealed class MeetingsDemoData(TimeProvider clock) : IDemoData
{
    public int Order => 300;

    public async Task AddAsync(HearthDb db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var groups = await db.Groups.ToDictionaryAsync(g => g.Slug, g => g.Id, cancellationToken);
        DateOnly Next(DayOfWeek day) => today.AddDays(((int)day - (int)today.DayOfWeek + 7) % 7);

        MeetingSeries Series(string slug, string title, Frequency frequency, DateOnly start, int hour, int minute, int duration) => new()
        {
            GroupId = groups[slug],
            Title = title,
            Frequency = frequency,
            StartDate = start,
            StartTime = new TimeOnly(hour, minute),
            DurationMinutes = duration,
            CreatedAt = now,
            UpdatedAt = now,
        };

        var prestatyn = Series("prestatyn-withdrawal-support", "Thursday meeting", Frequency.Weekly, Next(DayOfWeek.Thursday).AddDays(-28), 18, 30, 90);
        prestatyn.VenueName = "Nant Hall church hall";
        prestatyn.AccessNotes = "Step-free entrance at the side; hearing loop in the main room.";
        var chard = Series("chard-thursday-meet-up", "First Tuesday drop-in", Frequency.Monthly, today.AddDays(-40), 18, 30, 120);
        chard.WeekOfMonth = 1;
        chard.DayOfWeek = 2;
        chard.VenueName = "Chard Guildhall, upstairs room";
        var cardiff = Series("cardiff-grief-circle", "Grief circle", Frequency.Fortnightly, Next(DayOfWeek.Wednesday), 19, 0, 90);
        cardiff.VenueName = "Canton community centre";
        cardiff.Capacity = 10;
        cardiff.PauseFrom = new DateOnly(today.Year + 1, 8, 1);
        cardiff.PauseUntil = new DateOnly(today.Year + 1, 8, 31);
        var online = Series("young-peoples-evening-chat", "Monday evening chat", Frequency.Weekly, Next(DayOfWeek.Monday), 19, 0, 60);
        online.IsOnline = true;
        online.OnlineLink = "https://meet.example.invalid/hearth-young-people";
        db.MeetingSeries.AddRange(prestatyn, chard, cardiff, online);
        await db.SaveChangesAsync(cancellationToken);

        // One Prestatyn meeting cancelled, with a reason members read.
        db.MeetingChanges.Add(new MeetingChange
        {
            SeriesId = prestatyn.Id,
            OccurrenceDate = Next(DayOfWeek.Thursday).AddDays(14),
            IsCancelled = true,
            Reason = "The hall is closed for repairs this week. See you the week after.",
            Sequence = 1,
            UpdatedAt = now,
        });
    }
}
