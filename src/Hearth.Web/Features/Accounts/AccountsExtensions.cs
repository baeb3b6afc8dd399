using System.Threading.RateLimiting;
using Hearth.Web.Data;
using Hearth.Web.Features.Demo;
using Hearth.Web.Features.Mail;
using Hearth.Web.Features.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Hearth.Web.Features.Accounts;

/// <summary>The network-wide roles an admin grants. Group roles (organiser, member) belong to groups.</summary>
public static class NetworkRoles
{
    public const string Admin = "admin";
    public const string Moderator = "moderator";
    public const string PeerGroupWorker = "peer-group-worker";
    public const string MentorCoordinator = "mentor-coordinator";

    public static readonly IReadOnlyList<string> All = [Admin, Moderator, PeerGroupWorker, MentorCoordinator];
}

public static class AccountsExtensions
{
    /// <summary>Rate-limit policy for sign-in, registration, reset and two-factor: counted per address, on POST only.</summary>
    public const string AttemptsPolicy = "account-attempts";

    /// <summary>Identity's settings, shared by the app and by any context built outside it (tests, tools).</summary>
    public static void ConfigureIdentity(IdentityOptions options)
    {
        options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
        options.SignIn.RequireConfirmedEmail = true;
        options.User.RequireUniqueEmail = true;
        // Hearth's own rule (CommonPasswordValidator) replaces composition rules: length beats symbols.
        options.Password.RequiredLength = CommonPasswordValidator.MinLength;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 1;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
    }

    /// <summary>For a <see cref="HearthDb"/> made outside the app: Identity's model depends on its options.</summary>
    public static readonly IServiceProvider IdentityModelServices =
        new ServiceCollection().Configure<IdentityOptions>(ConfigureIdentity).BuildServiceProvider();

    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var environment = builder.Environment;
        var services = builder.Services;
        services.Configure<AccountOptions>(builder.Configuration.GetSection("Hearth:Accounts"));
        services.AddHttpContextAccessor();
        services.AddScoped<SecurityLog>();
        services.AddScoped<AccountEmails>();
        services.AddScoped<IPersonalData, AccountPersonalData>();
        services.AddScoped<PersonalDataExport>();
        services.AddSingleton<AccountEraser>();
        services.AddHostedService(sp => sp.GetRequiredService<AccountEraser>());

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<HearthUser>(ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<HearthDb>()
            .AddSignInManager<HearthSignInManager>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>();
        services.AddScoped(sp => (HearthSignInManager)sp.GetRequiredService<SignInManager<HearthUser>>());
        services.Remove(services.Single(d => d.ServiceType == typeof(IPasswordValidator<HearthUser>) && d.ImplementationType == typeof(PasswordValidator<HearthUser>)));

        // NIST and OWASP: PBKDF2-HMAC-SHA512 at 210,000 iterations; older hashes are upgraded at sign-in.
        services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            o.IterationCount = 210_000;
        });
        // Links in emails (confirm, reset, change email) expire; each is made single-use by the security stamp.
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(3));
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            // The validator rebuilds the principal from the database; the session it belongs to must carry over.
            o.OnRefreshingPrincipal = context =>
            {
                var session = context.CurrentPrincipal?.FindFirst(HearthSignInManager.SessionClaim);
                if (session is not null && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity && !identity.HasClaim(c => c.Type == session.Type))
                {
                    identity.AddClaim(new System.Security.Claims.Claim(session.Type, session.Value));
                }

                return Task.CompletedTask;
            };
        });

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = environment.CookieName("session");
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = environment.UsesSecureCookies() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/access-denied";
            o.ReturnUrlParameter = "returnUrl";
            o.SlidingExpiration = false;
            o.Events.OnValidatePrincipal = SessionGuard.ValidateAsync;
        });
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
            o.ExpireTimeSpan = builder.Configuration.GetSection("Hearth:Accounts").Get<AccountOptions>()?.AbsoluteTimeout ?? new AccountOptions().AbsoluteTimeout);
        foreach (var (scheme, name) in new[] { (IdentityConstants.TwoFactorUserIdScheme, "two-factor"), (IdentityConstants.TwoFactorRememberMeScheme, "two-factor-remember"), (IdentityConstants.ExternalScheme, "external") })
        {
            services.Configure<CookieAuthenticationOptions>(scheme, o =>
            {
                o.Cookie.Name = environment.CookieName(name);
                o.Cookie.SecurePolicy = environment.UsesSecureCookies() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            });
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(NetworkRoles.Admin, p => p.RequireRole(NetworkRoles.Admin));

        // Declared once: every page under Accounts needs a signed-in person unless it says [AllowAnonymous];
        // every page under Admin needs a network admin.
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Accounts");
            o.Conventions.AuthorizeFolder("/Admin", NetworkRoles.Admin);
        });

        services.Configure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(o => o.AddPolicy(AttemptsPolicy, context =>
        {
            if (!HttpMethods.IsPost(context.Request.Method))
            {
                return RateLimitPartition.GetNoLimiter("reading");
            }

            var perMinute = context.RequestServices.GetRequiredService<IOptions<AccountOptions>>().Value.AttemptsPerMinute;
            return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        }));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<FirstVisit.Installation>();
        services.AddOptions<IdentityPasskeyOptions>().Configure<IOptions<MailOptions>, IHostEnvironment>((o, mail, env) =>
        {
            o.ServerDomain = Uri.TryCreate(mail.Value.BaseUrl, UriKind.Absolute, out var configured) ? configured.Host : null;
            // Browsers send "Origin: null" on form posts under Referrer-Policy: no-referrer, so compare the
            // credential's origin with this Hearth's own address instead of the request header.
            o.ValidateOrigin = context =>
            {
                var expected = PublicAddress.Origin(mail.Value, env, context.HttpContext.Request);
                return ValueTask.FromResult(expected is not null && !context.CrossOrigin && string.Equals(context.Origin, expected, StringComparison.OrdinalIgnoreCase));
            };
        });
        services.AddDemoData<AccountsDemoData>();
        return builder;
    }

    /// <summary>Signed-in pages are never stored by browsers or proxies: a shared phone must not show them again.</summary>
    public static WebApplication UseAccounts(this WebApplication app)
    {
        app.UseMiddleware<FirstVisit>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use((context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true)
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.CacheControl = "no-store";
                    context.Response.Headers.Pragma = "no-cache";
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
        return app;
    }
}
