using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Hearth.Web.Features.Security;

public sealed class RateLimitOptions
{
    /// <summary>Steady requests per second allowed from one client address.</summary>
    public int PermitsPerSecond { get; set; } = 10;

    /// <summary>Requests one client address may make at once before the steady rate applies.</summary>
    public int Burst { get; set; } = 100;
}

public static class SecurityExtensions
{
    /// <summary>
    /// Cookies carry the <c>__Host-</c> prefix (Secure, whole site, no Domain) wherever the browser allows it;
    /// only plain-HTTP Development on localhost goes without.
    /// </summary>
    public static bool UsesSecureCookies(this IHostEnvironment environment) => !environment.IsDevelopment();

    public static string CookieName(this IHostEnvironment environment, string name) =>
        environment.UsesSecureCookies() ? $"__Host-hearth-{name}" : $"hearth-{name}";

    public static WebApplicationBuilder AddHearthSecurity(this WebApplicationBuilder builder)
    {
        var environment = builder.Environment;
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);

        builder.Services.AddDataProtection().SetApplicationName("Hearth");
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceScopeFactory>((options, scopes) => options.XmlRepository = new DatabaseXmlRepository(scopes));

        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = environment.CookieName("antiforgery");
            options.Cookie.SecurePolicy = environment.UsesSecureCookies() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.FormFieldName = "__antiforgery";
            // Our own frame-ancestors and X-Frame-Options headers cover every response, not only forms.
            options.SuppressXFrameOptionsHeader = true;
        });

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Trust X-Forwarded-* only from the loopback reverse proxy (the default known proxies).
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        });

        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false;
        });

        builder.Services.Configure<RateLimitOptions>(builder.Configuration.GetSection("Hearth:RateLimit"));
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = WriteTooManyRequestsAsync;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Burst,
                    TokensPerPeriod = limits.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
        });

        return builder;
    }

    public static WebApplication UseHearthSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeaders>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/error/{0}");
        return app;
    }

    /// <summary>
    /// Written directly, not through the error page, so that a person being slowed down still sees where to
    /// get help right now. The help page itself is never rate limited.
    /// </summary>
    private static async ValueTask WriteTooManyRequestsAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(
            """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Please wait a moment – Hearth</title></head>
            <body><main><h1>Please wait a moment</h1><p>Too many requests came from your connection. Wait a minute, then try again.</p>
            <p><a href="/help-now">Need help now?</a> Call Samaritans free on <a href="tel:116123">116 123</a>, or 999 in an emergency.</p></main></body></html>
            """,
            cancellationToken);
    }
}
