using Hearth.Tests.Data;
using Hearth.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit.Sdk;

namespace Hearth.Tests;

/// <summary>Someone made for one test: a display name and an address nobody else has, and a good passphrase.</summary>
public sealed record Person(string DisplayName, string Email, string Password)
{
    public static Person Unique()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        return new Person($"Tester {id}", $"tester-{id}@example.invalid", "quiet lanterns by the harbour");
    }
}

/// <summary>
/// Registering, confirming and signing in through the real pages and the real emails, as a person would:
/// <c>var person = await factory.NewConfirmedPersonAsync(); var client = await factory.SignInAsync(person);</c>
/// </summary>
public static class People
{
    /// <summary>A second good passphrase, for changing or resetting to.</summary>
    public const string NewPassword = "a brand new passphrase for the lantern";

    public const string ConfirmSubject = "Confirm your email address";

    public const string ResetSubject = "Choose a new password";

    /// <summary>The registration form filled in completely; tests change or remove entries to try other answers.</summary>
    public static Dictionary<string, string> RegistrationFields(Person person) => new()
    {
        ["Input.DisplayName"] = person.DisplayName,
        ["Input.Email"] = person.Email,
        ["Input.Password"] = person.Password,
        ["Input.AcceptTerms"] = "true",
        ["Input.ConsentToHealthData"] = "true",
    };

    public static Task<HttpResponseMessage> PostRegistrationAsync(this HttpClient client, Person person) =>
        client.PostFormAsync("/account/register", RegistrationFields(person));

    public static Task<HttpResponseMessage> PostSignInAsync(this HttpClient client, string email, string password) =>
        client.PostFormAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>Registers; the account waits for its email address to be confirmed.</summary>
    public static async Task RegisterAsync(this HearthFactory factory, Person person)
    {
        using var response = await factory.CreateBrowserLikeClient().PostRegistrationAsync(person);
        Assert.Equal("/account/check-your-email", response.RedirectTarget());
    }

    /// <summary>The link in the newest email to <paramref name="to"/> whose subject contains <paramref name="subjectContains"/>.</summary>
    public static async Task<string> LinkFromEmailAsync(this HearthFactory factory, string to, string subjectContains) =>
        Mailbox.FirstLink((await Mailbox.WaitForAsync(factory.MailFolder, to, subjectContains)).Body);

    /// <summary>Opens the confirmation link from the email and presses the button, in a browser of its own.</summary>
    public static async Task ConfirmAsync(this HearthFactory factory, Person person)
    {
        var link = await factory.LinkFromEmailAsync(person.Email, ConfirmSubject);
        using var response = await factory.CreateBrowserLikeClient().PostFormAsync(link, Forms.NoFields);
        Assert.Equal("Your email address is confirmed", (await response.ReadDocumentAsync()).Heading());
    }

    public static async Task<Person> NewConfirmedPersonAsync(this HearthFactory factory)
    {
        var person = Person.Unique();
        await factory.RegisterAsync(person);
        await factory.ConfirmAsync(person);
        return person;
    }

    /// <summary>A new browser, signed in (optionally identifying itself with a User-Agent).</summary>
    public static Task<HttpClient> SignInAsync(this HearthFactory factory, Person person, string? userAgent = null) =>
        factory.SignInAsync(person.Email, person.Password, userAgent);

    public static async Task<HttpClient> SignInAsync(this HearthFactory factory, string email, string password, string? userAgent = null)
    {
        var client = factory.CreateBrowserLikeClient();
        if (userAgent is not null)
        {
            client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        }

        using var response = await client.PostSignInAsync(email, password);
        Assert.Equal("/account", response.RedirectTarget());
        return client;
    }

    /// <summary>A request carrying exactly this cookie ("name=value") and nothing else, as from someone who copied it.</summary>
    public static async Task<HttpResponseMessage> GetWithCookieAsync(this HearthFactory factory, string url, string cookie)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = HearthFactory.BaseAddress, AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    public static async Task<HearthUser?> FindUserOrNullAsync(this HearthFactory factory, string email)
    {
        var normalized = email.ToUpperInvariant();
        await using var db = MigrationTests.Open(factory.Database.Options);
        return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == normalized);
    }

    public static async Task<HearthUser> FindUserAsync(this HearthFactory factory, string email) =>
        await factory.FindUserOrNullAsync(email) ?? throw new XunitException($"No account has the address {email}.");

    /// <summary>The security events stored for an account, oldest first.</summary>
    public static async Task<IReadOnlyList<SecurityEventKind>> SecurityEventsAsync(this HearthFactory factory, string userId)
    {
        await using var db = MigrationTests.Open(factory.Database.Options);
        return await db.SecurityEvents.AsNoTracking().Where(e => e.UserId == userId).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync();
    }

    /// <summary>Every server-side session of an account, ended or not.</summary>
    public static async Task<IReadOnlyList<UserSession>> SessionsAsync(this HearthFactory factory, string userId)
    {
        await using var db = MigrationTests.Open(factory.Database.Options);
        return await db.UserSessions.AsNoTracking().Where(s => s.UserId == userId).ToListAsync();
    }
}
