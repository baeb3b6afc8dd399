using System.Globalization;

namespace Hearth.Web.Features.Shared;

/// <summary>Times are stored in UTC and shown in the network's local time (UK by default), in the reader's language.</summary>
public static class LocalTime
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static string Format(DateTime utc, string pattern = "d MMM yyyy, HH:mm") =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone).ToString(pattern, CultureInfo.CurrentCulture);
}
