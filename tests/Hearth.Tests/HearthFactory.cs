using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Hearth.Tests;

/// <summary>
/// A Hearth host on a fresh database of its own, as in production (environment "Testing", so HSTS, __Host-
/// cookies and friendly error pages are all on). Clients talk HTTPS to a non-local host name, as a browser would.
/// </summary>
public class HearthFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly Uri BaseAddress = new("https://hearth.test/");

    private TestDatabase? database;

    public TestDatabase Database => database ?? throw new InvalidOperationException("The factory is not initialised yet.");

    /// <summary>Fill the database with the demo network at start-up (Program migrates either way).</summary>
    protected virtual bool SeedDemo => true;

    /// <summary>Settings on top of the defaults, as an operator would set them.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync() => database = await TestDatabase.CreateAsync();

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = BaseAddress, AllowAutoRedirect = false, HandleCookies = true });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Options.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Hearth", Database.Options.ConnectionString);
        builder.UseSetting("Hearth:SeedDemoWhenEmpty", SeedDemo ? "true" : "false");
        // Tests send many requests from one address; RateLimitTests covers the limiter with the real figures.
        builder.UseSetting("Hearth:RateLimit:PermitsPerSecond", "100000");
        builder.UseSetting("Hearth:RateLimit:Burst", "100000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
