using System.Globalization;
using Microsoft.Playwright;

namespace Hearth.BrowserTests;

/// <summary>
/// Meetings from both sides: an organiser sets up a monthly "first Tuesday" series, a member says they are going,
/// the organiser cancels that meeting, and the member sees why while the group's calendar feed drops it.
/// </summary>
public sealed class MeetingJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Group = "/groups/prestatyn-withdrawal-support";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Organiser_sets_up_first_Tuesdays_a_member_says_they_are_going_and_a_cancellation_reaches_them(bool javaScript)
    {
        var title = $"First Tuesday walk {Guid.NewGuid().ToString("N")[..6]}";
        await using var organiser = await host.OpenAsync(javaScript);
        var robin = organiser.Page;
        await SignIn.AsAsync(robin, "robin@demo.hearth.invalid");

        await robin.GotoAsync($"{Group}/meetings");
        await robin.GetByRole(AriaRole.Link, new() { Name = "Set up meetings for Prestatyn Withdrawal Support" }).ClickToNavigateAsync();
        await robin.ExpectUrlAsync($"**{Group}/meetings/new");
        await organiser.AssertAccessibleAsync();
        await robin.GetByLabel("Name of the meeting").FillAsync(title);
        await robin.GetByLabel("Monthly, on a set weekday").CheckAsync();
        await robin.GetByLabel("First meeting").FillAsync(DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await robin.GetByLabel("For monthly meetings: which one").SelectOptionAsync(new SelectOptionValue { Label = "First" });
        await robin.GetByLabel("On", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Tuesday" });
        await robin.GetByLabel("Starts at").FillAsync("18:30");
        // A length typed wrongly first: the message sits beside the field and the rest is kept.
        await robin.GetByLabel("How long, in minutes").FillAsync("0");
        await robin.GetByLabel("Venue").FillAsync("Prestatyn library, meeting room");
        await robin.GetByRole(AriaRole.Button, new() { Name = "Set up the meetings" }).ClickToNavigateAsync();
        Assert.Contains("Enter a length from 15 to 480 minutes", await robin.Locator("#Form_Duration-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(title, await robin.GetByLabel("Name of the meeting").InputValueAsync());
        Assert.Equal("18:30", await robin.GetByLabel("Starts at").InputValueAsync());
        await organiser.AssertAccessibleAsync();
        await robin.GetByLabel("How long, in minutes").FillAsync("90");
        await robin.GetByRole(AriaRole.Button, new() { Name = "Set up the meetings" }).ClickToNavigateAsync();
        await robin.ExpectUrlAsync($"**{Group}/meetings?added=1*");

        var first = robin.Locator("[data-meetings] li").Filter(new() { HasText = title }).First;
        var occurrence = await first.GetByRole(AriaRole.Link, new() { Name = title }).GetAttributeAsync("href");
        Assert.NotNull(occurrence);
        var date = occurrence!.Split('/')[^1];
        Assert.Equal(DayOfWeek.Tuesday, DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayOfWeek);
        Assert.True(DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture).Day <= 7, $"{date} is not a first Tuesday.");
        Assert.Contains("18:30", await first.InnerTextAsync(), StringComparison.Ordinal);
        await organiser.AssertAccessibleAsync();

        await using var member = await host.OpenAsync(javaScript);
        var sam = member.Page;
        await SignIn.AsAsync(sam, "sam@demo.hearth.invalid");
        await sam.GotoAsync(occurrence);
        await member.AssertAccessibleAsync();
        await sam.GetByRole(AriaRole.Button, new() { Name = "I'm going" }).ClickToNavigateAsync();
        await sam.ExpectUrlAsync("**?answered=going");
        Assert.Equal("You said you are going.", await sam.Locator("[data-my-answer]").InnerTextAsync());
        await member.AssertAccessibleAsync();

        await robin.GotoAsync(occurrence);
        Assert.Contains("Sam — going", await robin.Locator("[data-answers]").InnerTextAsync(), StringComparison.Ordinal);
        await robin.GetByLabel("Why it is cancelled").FillAsync("The library is closed for stocktaking that day.");
        await robin.GetByRole(AriaRole.Button, new() { Name = "Cancel this meeting" }).ClickToNavigateAsync();
        await robin.ExpectUrlAsync("**?cancelled=1");
        await organiser.AssertAccessibleAsync();

        await sam.GotoAsync(occurrence);
        Assert.Equal("The library is closed for stocktaking that day.", await sam.Locator("[data-reason]").InnerTextAsync());
        Assert.Equal(0, await sam.GetByRole(AriaRole.Button, new() { Name = "I'm going" }).CountAsync());
        await member.AssertAccessibleAsync();
        var feed = await sam.APIRequest.GetAsync($"{Group}/calendar.ics");
        var ics = await feed.TextAsync();
        Assert.Contains($"EXDATE;TZID=Europe/London:{date.Replace("-", "", StringComparison.Ordinal)}T183000", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("stocktaking", ics, StringComparison.Ordinal);
        organiser.AssertNothingRequestedFromAnotherHost();
        member.AssertNothingRequestedFromAnotherHost();
    }

}
