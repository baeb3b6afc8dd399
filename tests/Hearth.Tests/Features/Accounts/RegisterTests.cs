using System.Net;
using Hearth.Tests.Data;
using Hearth.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Tests.Features.Accounts;

public sealed class RegisterTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    private const string Robin = "robin@demo.hearth.invalid";

    private static readonly SecurityEventKind[] RegistrationEvents = [SecurityEventKind.Registered, SecurityEventKind.ConsentGiven];

    [Fact]
    public async Task Registering_creates_an_unconfirmed_account_and_emails_a_link_that_does_not_name_the_person()
    {
        var person = Person.Unique();
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.PostRegistrationAsync(person);

        Assert.Equal("/account/check-your-email", response.RedirectTarget());
        Assert.Equal("Check your email", (await client.GetDocumentAsync("/account/check-your-email")).Heading());
        var user = await factory.FindUserAsync(person.Email);
        Assert.Equal(person.DisplayName, user.DisplayName);
        Assert.False(user.EmailConfirmed);
        Assert.NotNull(user.HealthDataConsentAt);
        Assert.Equal(RegistrationEvents, await factory.SecurityEventsAsync(user.Id));

        var email = await Mailbox.WaitForAsync(factory.MailFolder, person.Email, People.ConfirmSubject);
        Assert.Equal("Confirm your email address for Hearth", email.Subject);
        Assert.StartsWith("https://hearth.test/account/confirm-email?", Mailbox.FirstLink(email.Body), StringComparison.Ordinal);
        Assert.DoesNotContain(person.DisplayName, email.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(person.DisplayName, email.Subject, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_display_name_taken_in_another_case_is_refused_beside_the_field_with_free_suggestions_and_the_answers_kept()
    {
        // The demo has "Alex".
        var person = Person.Unique() with { DisplayName = "alex" };

        using var response = await factory.CreateBrowserLikeClient().PostRegistrationAsync(person);
        var page = await response.ReadDocumentAsync();

        Assert.Equal("Someone is already using that display name. Choose another", page.FieldError("Input_DisplayName"));
        var summary = page.QuerySelector("main")!.FirstElementChild!;
        Assert.True(summary.HasAttribute("data-error-summary"), "The error summary comes first on the page.");
        Assert.Equal("#Input_DisplayName", summary.QuerySelector("li a")!.GetAttribute("href"));
        var suggestions = page.QuerySelectorAll("main p.hint").Single(p => p.Text().StartsWith("These are free:", StringComparison.Ordinal))
            .QuerySelector("strong")!.Text().Split('\u00B7', StringSplitOptions.TrimEntries);
        Assert.Equal(3, suggestions.Length);
        Assert.Contains("alex Oak", suggestions);
        Assert.All(suggestions, s => Assert.StartsWith("alex", s, StringComparison.Ordinal));

        Assert.Equal("alex", page.QuerySelector("#Input_DisplayName")!.GetAttribute("value"));
        Assert.Equal(person.Email, page.QuerySelector("#Input_Email")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("#Input_Password")!.GetAttribute("value"));
        Assert.DoesNotContain(person.Password, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Null(await factory.FindUserOrNullAsync(person.Email));
    }

    [Theory]
    [InlineData("password1")]
    [InlineData("PASSWORD1")]
    [InlineData("iloveyou")]
    public async Task A_common_password_is_refused_beside_the_password_field_and_nothing_is_stored(string password)
    {
        var person = Person.Unique() with { Password = password };

        using var response = await factory.CreateBrowserLikeClient().PostRegistrationAsync(person);
        var page = await response.ReadDocumentAsync();

        Assert.Equal(
            "This password is one of the most common and easy to guess. Choose another, such as a few words you will remember",
            page.FieldError("Input_Password"));
        Assert.NotNull(page.QuerySelector("main [data-error-summary] a[href='#Input_Password']"));
        Assert.Null(await factory.FindUserOrNullAsync(person.Email));
    }

    [Fact]
    public async Task A_seven_character_password_is_refused_beside_the_password_field_and_nothing_is_stored()
    {
        var person = Person.Unique() with { Password = "kq7 zpx" };

        using var response = await factory.CreateBrowserLikeClient().PostRegistrationAsync(person);
        var page = await response.ReadDocumentAsync();

        Assert.Contains("Password must be at least 8 characters", page.FieldError("Input_Password"), StringComparison.Ordinal);
        Assert.Null(await factory.FindUserOrNullAsync(person.Email));
    }

    [Fact]
    public async Task A_too_short_password_gets_one_message_in_hearths_own_words()
    {
        var person = Person.Unique() with { Password = "kq7 zpx" };

        using var response = await factory.CreateBrowserLikeClient().PostRegistrationAsync(person);
        var page = await response.ReadDocumentAsync();

        // Not also ASP.NET Identity's own "Passwords must be at least 8 characters.", which is never translated.
        Assert.Equal("Password must be at least 8 characters", page.FieldError("Input_Password"));
        Assert.Single(page.QuerySelectorAll("main [data-error-summary] li"));
    }

    [Fact]
    public async Task Without_consent_to_hold_health_information_the_account_is_refused_beside_that_box()
    {
        var person = Person.Unique();
        var fields = People.RegistrationFields(person);
        fields.Remove("Input.ConsentToHealthData");

        using var response = await factory.CreateBrowserLikeClient().PostFormAsync("/account/register", fields);
        var page = await response.ReadDocumentAsync();

        Assert.Equal(
            "Give your permission for Hearth to hold health information, or you cannot create an account",
            page.FieldError("Input_ConsentToHealthData"));
        Assert.False(page.QuerySelector("#Input_ConsentToHealthData")!.HasAttribute("checked"));
        Assert.True(page.QuerySelector("#Input_AcceptTerms")!.HasAttribute("checked"), "The box the person did tick stays ticked.");
        Assert.Null(await factory.FindUserOrNullAsync(person.Email));
    }

    [Fact]
    public async Task An_empty_form_is_answered_with_a_message_beside_every_field()
    {
        using var response = await factory.CreateBrowserLikeClient().PostFormAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "",
            ["Input.Email"] = "",
            ["Input.Password"] = "",
        });
        var page = await response.ReadDocumentAsync();

        Assert.Equal("Enter a display name", page.FieldError("Input_DisplayName"));
        Assert.Equal("Enter your email address", page.FieldError("Input_Email"));
        Assert.Equal("Enter a password", page.FieldError("Input_Password"));
        Assert.Equal("Agree to how this Hearth works to create an account", page.FieldError("Input_AcceptTerms"));
        Assert.Equal(
            "Give your permission for Hearth to hold health information, or you cannot create an account",
            page.FieldError("Input_ConsentToHealthData"));
    }

    [Fact]
    public async Task An_address_that_already_has_an_account_gets_the_same_answer_as_a_new_one_and_only_that_address_learns_more()
    {
        var client = factory.CreateBrowserLikeClient();
        var newcomer = Person.Unique();
        var sameAddressAsRobin = Person.Unique() with { Email = Robin };

        using var forNewAddress = await client.PostRegistrationAsync(newcomer);
        using var forRobinsAddress = await client.PostRegistrationAsync(sameAddressAsRobin);

        Assert.Equal(HttpStatusCode.Redirect, forRobinsAddress.StatusCode);
        Assert.Equal(forNewAddress.RedirectTarget(), forRobinsAddress.RedirectTarget());
        Assert.Equal("/account/check-your-email", forRobinsAddress.RedirectTarget());

        var email = await Mailbox.WaitForAsync(factory.MailFolder, Robin, "Your Hearth account");
        Assert.Contains("Someone tried to create a Hearth account with this email address, but it already has one.", email.Body, StringComparison.Ordinal);
        Assert.StartsWith("https://hearth.test/account/forgot-password", Mailbox.FirstLink(email.Body), StringComparison.Ordinal);
        Assert.DoesNotContain(sameAddressAsRobin.DisplayName, email.Body, StringComparison.Ordinal);

        await using var db = MigrationTests.Open(factory.Database.Options);
        Assert.False(await db.Users.AnyAsync(u => u.DisplayName == sameAddressAsRobin.DisplayName));
        var robin = await db.Users.AsNoTracking().SingleAsync(u => u.NormalizedEmail == "ROBIN@DEMO.HEARTH.INVALID");
        Assert.Equal("Robin", robin.DisplayName);
    }
}
