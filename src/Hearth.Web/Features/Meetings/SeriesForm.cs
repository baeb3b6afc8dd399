using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Hearth.Web.Features.Meetings;

/// <summary>What organisers type to set up a meeting series; dates and times stay text until checked, so a wrong one is shown back as typed.</summary>
public sealed class SeriesForm
{
    public static readonly IReadOnlyList<string> Weeks = ["1", "2", "3", "4", "-1"];

    public string? Title { get; set; }

    public string Frequency { get; set; } = nameof(Meetings.Frequency.Weekly);

    public string? StartDate { get; set; }

    public string? StartTime { get; set; }

    public string? Duration { get; set; } = "90";

    public string? TimeZone { get; set; } = "Europe/London";

    public string? WeekOfMonth { get; set; } = "1";

    public string? DayOfWeek { get; set; } = "2";

    public string? EndDate { get; set; }

    public string? PauseFrom { get; set; }

    public string? PauseUntil { get; set; }

    public bool IsOnline { get; set; }

    public string? VenueName { get; set; }

    public string? AccessNotes { get; set; }

    public string? OnlineLink { get; set; }

    public string? Capacity { get; set; }

    /// <summary>Checks everything; on success returns the series (not yet saved), otherwise null with each problem beside its field.</summary>
    public MeetingSeries? Check(ModelStateDictionary errors, string prefix, IStringLocalizer<Strings> text)
    {
        void Problem(string field, string message) => errors.AddModelError($"{prefix}.{field}", message);

        if (string.IsNullOrWhiteSpace(Title))
        {
            Problem(nameof(Title), text["Meetings.Form.TitleRequired"]);
        }
        else if (Title.Trim().Length > 120)
        {
            Problem(nameof(Title), text["Groups.Form.TooLong", 120, Title.Trim().Length]);
        }

        if (!Enum.TryParse<Frequency>(Frequency, out var frequency) || !Enum.IsDefined(frequency))
        {
            Problem(nameof(Frequency), text["Meetings.Form.FrequencyRequired"]);
        }

        var start = Date(StartDate, nameof(StartDate), required: true);
        var end = Date(EndDate, nameof(EndDate), required: false);
        if (start is not null && end is not null && end < start)
        {
            Problem(nameof(EndDate), text["Meetings.Form.EndBeforeStart"]);
        }

        TimeOnly? time = null;
        if (string.IsNullOrWhiteSpace(StartTime))
        {
            Problem(nameof(StartTime), text["Meetings.Form.TimeRequired"]);
        }
        else if (TimeOnly.TryParseExact(StartTime.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            time = new TimeOnly(parsed.Hour, parsed.Minute);
        }
        else
        {
            Problem(nameof(StartTime), text["Meetings.Form.TimeShape"]);
        }

        int minutes = 0;
        if (!int.TryParse(Duration?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out minutes) || minutes < 15 || minutes > MeetingSeries.MaxDurationMinutes)
        {
            Problem(nameof(Duration), text["Meetings.Form.DurationRange", 15, MeetingSeries.MaxDurationMinutes]);
        }

        var zone = Recurrence.FindZone(TimeZone?.Trim());
        if (zone is null)
        {
            Problem(nameof(TimeZone), text["Meetings.Form.ZoneUnknown", TimeZone?.Trim() ?? ""]);
        }

        int? week = null, day = null;
        if (frequency == Meetings.Frequency.Monthly)
        {
            if (WeekOfMonth?.Trim() == "5")
            {
                Problem(nameof(WeekOfMonth), text["Meetings.Form.FifthWeek"]);
            }
            else if (!Weeks.Contains(WeekOfMonth?.Trim() ?? ""))
            {
                Problem(nameof(WeekOfMonth), text["Meetings.Form.WeekRequired"]);
            }
            else
            {
                week = int.Parse(WeekOfMonth!.Trim(), CultureInfo.InvariantCulture);
            }

            if (!int.TryParse(DayOfWeek?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d) || d is < 1 or > 7)
            {
                Problem(nameof(DayOfWeek), text["Meetings.Form.DayRequired"]);
            }
            else
            {
                day = d;
            }
        }

        var pauseFrom = Date(PauseFrom, nameof(PauseFrom), required: false);
        var pauseUntil = Date(PauseUntil, nameof(PauseUntil), required: false);
        if ((pauseFrom is null) != (pauseUntil is null) && errors.GetFieldValidationState($"{prefix}.{nameof(PauseFrom)}") != ModelValidationState.Invalid
            && errors.GetFieldValidationState($"{prefix}.{nameof(PauseUntil)}") != ModelValidationState.Invalid)
        {
            Problem(pauseFrom is null ? nameof(PauseFrom) : nameof(PauseUntil), text["Meetings.Form.PauseBoth"]);
        }
        else if (pauseFrom > pauseUntil)
        {
            Problem(nameof(PauseUntil), text["Meetings.Form.PauseOrder"]);
        }

        if (IsOnline)
        {
            if (!string.IsNullOrWhiteSpace(OnlineLink)
                && (!Uri.TryCreate(OnlineLink.Trim(), UriKind.Absolute, out var link) || link.Scheme != Uri.UriSchemeHttps || OnlineLink.Trim().Length > 500))
            {
                Problem(nameof(OnlineLink), text["Meetings.Form.LinkShape"]);
            }
        }
        else if (string.IsNullOrWhiteSpace(VenueName))
        {
            Problem(nameof(VenueName), text["Meetings.Form.VenueRequired"]);
        }

        if (VenueName?.Trim().Length > 120)
        {
            Problem(nameof(VenueName), text["Groups.Form.TooLong", 120, VenueName.Trim().Length]);
        }

        if (AccessNotes?.Trim().Length > 500)
        {
            Problem(nameof(AccessNotes), text["Groups.Form.TooLong", 500, AccessNotes.Trim().Length]);
        }

        int? capacity = null;
        if (!string.IsNullOrWhiteSpace(Capacity))
        {
            if (int.TryParse(Capacity.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c is >= 1 and <= 500)
            {
                capacity = c;
            }
            else
            {
                Problem(nameof(Capacity), text["Meetings.Form.CapacityRange"]);
            }
        }

        if (errors.ErrorCount > 0)
        {
            return null;
        }

        return new MeetingSeries
        {
            Title = Title!.Trim(),
            Frequency = frequency,
            StartDate = start!.Value,
            EndDate = frequency == Meetings.Frequency.Once ? null : end,
            StartTime = time!.Value,
            DurationMinutes = minutes,
            TimeZone = zone!.Id,
            WeekOfMonth = week,
            DayOfWeek = day,
            PauseFrom = pauseFrom,
            PauseUntil = pauseUntil,
            IsOnline = IsOnline,
            VenueName = IsOnline ? null : VenueName!.Trim(),
            AccessNotes = string.IsNullOrWhiteSpace(AccessNotes) ? null : AccessNotes.Trim(),
            OnlineLink = IsOnline && !string.IsNullOrWhiteSpace(OnlineLink) ? OnlineLink.Trim() : null,
            Capacity = capacity,
        };

        DateOnly? Date(string? value, string field, bool required)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                if (required)
                {
                    Problem(field, text["Meetings.Form.DateRequired"]);
                }

                return null;
            }

            if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            Problem(field, text["Meetings.Form.DateShape"]);
            return null;
        }
    }
}
