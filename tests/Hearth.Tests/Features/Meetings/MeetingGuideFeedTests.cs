using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hearth.Tests.Features.Groups;
using Hearth.Web.Features.Meetings;
using NodaTime;

namespace Hearth.Tests.Features.Meetings;

/// <summary>
/// /feeds/meetings.json against the Meeting Guide spec (code4recovery): every record's fields, types and formats,
/// and nothing that is not public.
/// </summary>
public sealed partial class MeetingGuideFeedTests(HearthFactory factory) : IClassFixture<HearthFactory>
{
    /// <summary>The spec's reserved type codes Hearth may use.</summary>
    private static readonly HashSet<string> KnownTypes = ["O", "C", "W", "M", "Y", "LGBTQ", "X", "EN"];

    private static readonly string[] YesNo = ["yes", "no"];

    private static readonly string[] AttendanceOptions = ["in_person", "online", "hybrid"];

    private static readonly HashSet<string> Fields =
    [
        "name", "slug", "day", "time", "end_time", "timezone", "group", "location", "formatted_address", "approximate",
        "latitude", "longitude", "attendance_option", "types", "notes", "updated", "url",
    ];

    [Fact]
    public async Task Every_record_follows_the_spec_field_rules()
    {
        var records = await ReadAsync();

        Assert.NotEmpty(records);
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var name = record.GetProperty("name").GetString();
            Assert.False(string.IsNullOrWhiteSpace(name));
            Assert.True(name!.Length <= 255);
            var slug = record.GetProperty("slug").GetString()!;
            Assert.Matches(SlugShape(), slug);
            Assert.True(slug.Length <= 64, slug);
            Assert.True(slugs.Add(slug), $"{slug} is not unique");
            Assert.Equal(JsonValueKind.Number, record.GetProperty("day").ValueKind);
            Assert.InRange(record.GetProperty("day").GetInt32(), 0, 6);
            Assert.Matches(TimeShape(), record.GetProperty("time").GetString()!);
            Assert.Matches(TimeShape(), record.GetProperty("end_time").GetString()!);
            Assert.NotNull(DateTimeZoneProviders.Tzdb.GetZoneOrNull(record.GetProperty("timezone").GetString()!));
            Assert.False(string.IsNullOrWhiteSpace(record.GetProperty("formatted_address").GetString()));
            Assert.Contains(record.GetProperty("approximate").GetString(), YesNo);
            var attendance = record.GetProperty("attendance_option").GetString();
            Assert.Contains(attendance, AttendanceOptions);
            if (attendance != "online")
            {
                Assert.InRange(record.GetProperty("latitude").GetDouble(), 49.0, 61.0);
                Assert.InRange(record.GetProperty("longitude").GetDouble(), -9.0, 2.0);
            }

            var types = record.GetProperty("types").EnumerateArray().Select(t => t.GetString()!).ToList();
            Assert.NotEmpty(types);
            Assert.All(types, t => Assert.Contains(t, KnownTypes));
            Assert.True(types.Contains("O") ^ types.Contains("C"), $"{slug} must be open or closed, not both");
            Assert.True(DateTime.TryParseExact(record.GetProperty("updated").GetString(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
            Assert.True(Uri.TryCreate(record.GetProperty("url").GetString(), UriKind.Absolute, out _));
            Assert.All(record.EnumerateObject(), p => Assert.Contains(p.Name, Fields));
        }
    }

    [Fact]
    public async Task Only_weekly_meetings_of_listed_groups_appear_with_their_public_facts()
    {
        var records = await ReadAsync();
        var prestatyn = Assert.Single(records, r => r.GetProperty("group").GetString() == "Prestatyn Withdrawal Support");

        Assert.Equal(4, prestatyn.GetProperty("day").GetInt32()); // Thursday, with Sunday 0
        Assert.Equal(("18:30", "20:00", "Europe/London"), (prestatyn.GetProperty("time").GetString(), prestatyn.GetProperty("end_time").GetString(), prestatyn.GetProperty("timezone").GetString()));
        Assert.Equal("in_person", prestatyn.GetProperty("attendance_option").GetString());
        Assert.Contains("O", prestatyn.GetProperty("types").EnumerateArray().Select(t => t.GetString()));
        // Chard meets monthly and Cardiff fortnightly: the spec is for weekly meetings only.
        Assert.DoesNotContain(records, r => r.GetProperty("group").GetString()!.Contains("Chard", StringComparison.Ordinal));
        Assert.DoesNotContain(records, r => r.GetProperty("group").GetString()!.Contains("Cardiff", StringComparison.Ordinal));
        var online = Assert.Single(records, r => r.GetProperty("attendance_option").GetString() == "online");
        Assert.False(online.TryGetProperty("latitude", out _));
    }

    [Fact]
    public async Task Unlisted_groups_online_links_and_members_only_addresses_never_appear()
    {
        await using (var db = factory.OpenDb())
        {
            var group = await db.Groups.FindAsync((await factory.GroupIdAsync("taunton-dbt-skills-circle")));
            db.MeetingSeries.Add(new MeetingSeries { GroupId = group!.Id, Title = "Unlisted skills evening", Frequency = Frequency.Weekly, StartDate = new DateOnly(2026, 12, 1), StartTime = new TimeOnly(19, 0), DurationMinutes = 60, VenueName = "Secret room" });
            await db.SaveChangesAsync();
        }

        var text = await factory.CreateBrowserLikeClient().GetStringAsync(new Uri("/feeds/meetings.json", UriKind.Relative));

        Assert.DoesNotContain("Unlisted skills evening", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Taunton DBT", text, StringComparison.Ordinal);
        Assert.DoesNotContain("meet.example.invalid", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Heol y Frenhines", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@", text, StringComparison.Ordinal);
    }

    private async Task<List<JsonElement>> ReadAsync()
    {
        using var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri("/feeds/meetings.json", UriKind.Relative));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        return [.. json.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex SlugShape();

    [GeneratedRegex("^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    private static partial Regex TimeShape();
}
