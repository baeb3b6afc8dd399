namespace Hearth.Tests.Features.Accounts;

public sealed class NotificationsAndConsentTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    [Fact]
    public async Task Emails_are_content_free_until_the_person_chooses_details()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var client = await factory.SignInAsync(person);
        Assert.Null((await client.GetDocumentAsync("/account/notifications")).QuerySelector("#IncludeDetails")!.GetAttribute("checked"));
        Assert.False((await factory.FindUserAsync(person.Email)).EmailsIncludeDetails);

        using var saved = await client.PostFormAsync("/account/notifications", new Dictionary<string, string> { ["IncludeDetails"] = "true" });

        Assert.Contains("Your choices are saved.", (await saved.ReadDocumentAsync()).MainText(), StringComparison.Ordinal);
        Assert.True((await factory.FindUserAsync(person.Email)).EmailsIncludeDetails);
    }

    [Fact]
    public async Task Meeting_reminders_are_on_until_the_person_turns_one_off()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var client = await factory.SignInAsync(person);
        var page = await client.GetDocumentAsync("/account/notifications");
        Assert.NotNull(page.QuerySelector("#RemindDayBefore")!.GetAttribute("checked"));
        Assert.NotNull(page.QuerySelector("#RemindHoursBefore")!.GetAttribute("checked"));

        using var saved = await client.PostFormAsync("/account/notifications", new Dictionary<string, string> { ["RemindDayBefore"] = "false" });

        Assert.Contains("Your choices are saved.", (await saved.ReadDocumentAsync()).MainText(), StringComparison.Ordinal);
        var user = await factory.FindUserAsync(person.Email);
        Assert.Equal((false, true, false), (user.RemindDayBefore, user.RemindHoursBefore, user.EmailsIncludeDetails));
        var again = await client.GetDocumentAsync("/account/notifications");
        Assert.Null(again.QuerySelector("#RemindDayBefore")!.GetAttribute("checked"));
        Assert.NotNull(again.QuerySelector("#RemindHoursBefore")!.GetAttribute("checked"));
    }

    [Fact]
    public async Task The_consent_page_shows_when_permission_was_given_and_withdrawing_it_closes_the_account()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var client = await factory.SignInAsync(person);
        var page = await client.GetDocumentAsync("/account/consent");
        Assert.Contains("You gave your permission on", page.MainText(), StringComparison.Ordinal);

        var withdraw = page.QuerySelector("main a[href='/account/delete?reason=consent']")!;
        using var response = await client.PostFormAsync(withdraw.GetAttribute("href")!, new Dictionary<string, string> { ["Contributions"] = "erase", ["CurrentPassword"] = person.Password });

        Assert.StartsWith("/account/deletion-scheduled", response.RedirectTarget(), StringComparison.Ordinal);
        var user = await factory.FindUserAsync(person.Email);
        Assert.Null(user.HealthDataConsentAt);
        Assert.NotNull(user.DeletionDueAt);
        Assert.True(user.DeletionErasesContributions);
        Assert.Contains(Hearth.Web.Features.Accounts.SecurityEventKind.ConsentWithdrawn, await factory.SecurityEventsAsync(user.Id));
    }
}
