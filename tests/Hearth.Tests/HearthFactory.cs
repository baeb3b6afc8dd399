using Hearth.Web.Features.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hearth.Tests;

/// <summary>
/// A Hearth host on a fresh database of its own, as in production (environment "Testing", so HSTS, __Host-
/// cookies and friendly error pages are all on). Clients talk HTTPS to a non-local host name, as a browser would.
/// </summary>
public class HearthFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly Uri BaseAddress = new("https://hearth.test/");

    private readonly TestDatabase? shared;
    private TestDatabase? database;

    public HearthFactory()
    {
    }

    /// <summary>A host on a database another host also uses (a second node); the database is not this host's to drop.</summary>
    protected HearthFactory(TestDatabase shared) => this.shared = shared;

    public TestDatabase Database => database ?? throw new InvalidOperationException("The factory is not initialised yet.");

    /// <summary>Where this host writes its emails as .eml files (delivery is in the background: poll for them).</summary>
    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), "hearth-tests-mail", Guid.NewGuid().ToString("N"));

    /// <summary>Fill the database with the demo network at start-up (Program migrates either way).</summary>
    protected virtual bool SeedDemo => true;

    /// <summary>
    /// Without the demo, create one ordinary account after start-up, so pages are served rather than sent to
    /// /setup (the first-visit page of an installation with no accounts). False leaves the installation empty.
    /// </summary>
    protected virtual bool CreatesFirstAccount => true;

    /// <summary>
    /// Hash passwords with Hearth's real cost (PBKDF2-HMAC-SHA512, 210,000 iterations). Off, the same algorithm runs
    /// at <see cref="TestHashIterations"/>: hashing was nearly half of the suites' CPU. PasswordHashTests keep it on.
    /// </summary>
    protected virtual bool RealPasswordHashCost => false;

    public const int TestHashIterations = 1_000;

    /// <summary>Settings on top of the defaults, as an operator would set them.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync() => database = shared ?? await TestDatabase.CreateAsync();

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = BaseAddress, AllowAutoRedirect = false, HandleCookies = true });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Options.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Hearth", Database.Options.ConnectionString);
        builder.UseSetting("Hearth:SeedDemoWhenEmpty", SeedDemo ? "true" : "false");
        builder.UseSetting("Hearth:Mail:PickupFolder", MailFolder);
        // Tests send many requests from one address; RateLimitTests covers the limiter with the real figures.
        builder.UseSetting("Hearth:RateLimit:PermitsPerSecond", "100000");
        builder.UseSetting("Hearth:RateLimit:Burst", "100000");
        // Reminders are sent when a test asks (MeetingReminders.RunOnceAsync); ReminderTests turn the sender on.
        builder.UseSetting("Hearth:Reminders:PollSeconds", "0");
        builder.UseSetting("Hearth:Discussion:Digest:PollMinutes", "0");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (!RealPasswordHashCost)
        {
            builder.ConfigureTestServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = TestHashIterations));
        }
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        if (!SeedDemo && CreatesFirstAccount)
        {
            using var scope = host.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HearthUser>>();
            var user = new HearthUser { UserName = "first@example.invalid", Email = "first@example.invalid", EmailConfirmed = true, DisplayName = "First", NormalizedDisplayName = "FIRST" };
            var created = users.CreateAsync(user, "a first account for tests").GetAwaiter().GetResult();
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Code)));
        }

        return host;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (database is not null && shared is null)
        {
            await database.DisposeAsync();
        }

        if (Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }
    }
}
