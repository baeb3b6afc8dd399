using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Hearth.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hearth.BrowserTests;

/// <summary>
/// Hearth on a real loopback port with the demo network, and Debian's Chromium driven by Playwright.
/// Every page a test opens is checked with axe-core, and every request the browser makes is recorded so
/// that a test can prove nothing went to another host.
/// </summary>
public sealed class BrowserHost : HearthFactory
{
    public const string Chromium = "/usr/bin/chromium";

    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>
    /// HTTPS on a loopback port with a throwaway self-signed certificate, as production runs behind TLS:
    /// __Host- cookies, antiforgery and passkeys behave exactly as they do for real visitors.
    /// </summary>
    public BrowserHost() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(SelfSignedCertificate())));

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>Every journey comes from one loopback address; the attempt limit has its own tests.</summary>
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Hearth:Accounts:AttemptsPerMinute"] = "100000" };

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new UriBuilder(address) { Host = "localhost" }.Uri;

        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: ./test.sh installs Debian's chromium package.");
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>
    /// A fresh browser context (no cookies) that records where it sends requests. Without JavaScript the
    /// browser runs no script at all; <see cref="Visit.AssertAccessibleAsync"/> then checks the same page
    /// in a twin context where only Hearth's own scripts are blocked, because axe-core itself is a script.
    /// </summary>
    public async Task<Visit> OpenAsync(bool javaScript, string? storageState = null)
    {
        var options = ContextOptions(javaScript);
        options.StorageState = storageState;
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var visit = new Visit(this, context, page, javaScript);
        page.Request += (_, request) => visit.Requested.Add(new Uri(request.Url));
        return visit;
    }

    private readonly Dictionary<string, string> signedIn = [];
    private readonly SemaphoreSlim signingIn = new(1, 1);

    /// <summary>
    /// A fresh context signed in as <paramref name="email"/> through the real sign-in page the first time, then with
    /// the same cookies (as a person returning in the same browser), for tests about the pages, not about signing in.
    /// </summary>
    public async Task<Visit> OpenSignedInAsync(string email, bool javaScript)
    {
        string? state;
        await signingIn.WaitAsync();
        try
        {
            if (!signedIn.TryGetValue(email, out state))
            {
                await using var first = await OpenAsync(javaScript: false);
                await SignIn.AsAsync(first.Page, email);
                state = await first.Page.Context.StorageStateAsync();
                signedIn[email] = state;
            }
        }
        finally
        {
            signingIn.Release();
        }

        return await OpenAsync(javaScript, state);
    }

    public override async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        signingIn.Dispose();
        await base.DisposeAsync();
    }

    private BrowserNewContextOptions ContextOptions(bool javaScript) => new()
    {
        BaseURL = Address.ToString(),
        IgnoreHTTPSErrors = true,
        JavaScriptEnabled = javaScript,
        Locale = "en-GB",
        ViewportSize = new ViewportSize { Width = 375, Height = 740 },
    };

    public sealed class Visit(BrowserHost host, IBrowserContext context, IPage page, bool javaScript) : IAsyncDisposable
    {
        public IPage Page { get; } = page;

        public List<Uri> Requested { get; } = [];

        /// <summary>Fails on any WCAG 2.2 A or AA violation axe-core finds on the page as it is now.</summary>
        public async Task AssertAccessibleAsync()
        {
            if (javaScript)
            {
                await AssertAccessibleAsync(Page);
                return;
            }

            await using var twin = await host.Browser.NewContextAsync(host.ContextOptions(javaScript: true));
            twin.SetDefaultTimeout(15_000);
            var cookies = await context.CookiesAsync();
            await twin.AddCookiesAsync(cookies.Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Secure = c.Secure, HttpOnly = c.HttpOnly, SameSite = c.SameSite }));
            var twinPage = await twin.NewPageAsync();
            await twinPage.RouteAsync("**/*.js*", route => route.AbortAsync());
            await twinPage.GotoAsync(Page.Url);
            await AssertAccessibleAsync(twinPage);
        }

        private static async Task AssertAccessibleAsync(IPage page)
        {
            var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });
            var problems = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}");
            Assert.True(result.Violations.Length == 0, $"axe-core found on {page.Url}:\n{string.Join("\n", problems)}");
        }

        public void AssertNothingRequestedFromAnotherHost()
        {
            var elsewhere = Requested.Where(u => u.Host != host.Address.Host || u.Port != host.Address.Port).Select(u => u.ToString()).Distinct().ToList();
            Assert.True(elsewhere.Count == 0, $"The browser asked other hosts for: {string.Join(", ", elsewhere)}");
        }

        public async ValueTask DisposeAsync() => await context.DisposeAsync();
    }
}
