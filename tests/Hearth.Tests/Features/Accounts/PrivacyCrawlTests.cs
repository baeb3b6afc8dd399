using System.Collections.Concurrent;
using Hearth.Web.Features.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hearth.Tests.Features.Accounts;

/// <summary>
/// An email address is never shown to anyone but its owner: not on any page of the demo, for any role, in
/// either language; and never in a log line, whatever happens.
/// </summary>
public sealed class PrivacyCrawlTests(PrivacyCrawlTests.LoggingFactory factory) : IClassFixture<PrivacyCrawlTests.LoggingFactory>
{
    /// <summary>The demo, with every log line (down to Debug) kept for inspection.</summary>
    public sealed class LoggingFactory : AccountsFactory
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Logging:LogLevel:Default", "Debug");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Debug");
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(new CapturingProvider(Lines)));
        }
    }

    public static TheoryData<string> DemoPeople() => [.. AccountsDemoData.People.Select(p => p.Email)];

    [Theory]
    [MemberData(nameof(DemoPeople))]
    public async Task Signed_in_as_each_demo_person_no_page_shows_anyone_elses_email(string email)
    {
        var client = await factory.SignInAsync(email, AccountsDemoData.Password);
        var others = AccountsDemoData.People.Select(p => p.Email).Where(e => e != email).ToList();

        foreach (var culture in new[] { "en-GB", "cy-GB" })
        {
            var pages = await Html.CrawlAsync(client, culture);
            Assert.Contains(pages, p => p.Url == "/account");
            foreach (var (url, response, document) in pages)
            {
                Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode} for {email}.");
                var html = document.DocumentElement.OuterHtml;
                foreach (var other in others)
                {
                    Assert.False(html.Contains(other, StringComparison.OrdinalIgnoreCase), $"{url} shows {other} to {email}.");
                }
            }
        }
    }

    [Fact]
    public async Task An_admin_crawl_reaches_the_people_page_and_it_shows_no_email()
    {
        var alex = AccountsDemoData.People.Single(p => p.Role == NetworkRoles.Admin).Email;
        var pages = await Html.CrawlAsync(await factory.SignInAsync(alex, AccountsDemoData.Password));

        var people = Assert.Single(pages, p => p.Url == "/admin/people");
        Assert.DoesNotContain("@", people.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_log_line_ever_contains_an_email_address()
    {
        var person = Person.Unique();
        await factory.RegisterAsync(person);
        await factory.ConfirmAsync(person);
        var client = factory.CreateBrowserLikeClient();
        await client.PostSignInAsync(person.Email, "not the password at all");
        await client.PostSignInAsync("nobody-" + person.Email, person.Password);
        await client.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = person.Email });
        await factory.LinkFromEmailAsync(person.Email, People.ResetSubject);
        await factory.SignInAsync(person);

        Assert.NotEmpty(factory.Lines);
        var leaks = factory.Lines.Where(line => line.Contains('@', StringComparison.Ordinal) && line.Contains("example.invalid", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(leaks.Count == 0, "Log lines with an email address:\n" + string.Join("\n", leaks));
        Assert.DoesNotContain(factory.Lines, line => line.Contains(person.Password, StringComparison.Ordinal));
    }

    private sealed class CapturingProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Capturing(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}
