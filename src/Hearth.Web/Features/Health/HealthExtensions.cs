using System.Text.Json;
using Hearth.Web.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Web.Features.Health;

public static class HealthExtensions
{
    public static WebApplicationBuilder AddHearthHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddDbContextCheck<HearthDb>("database");
        return builder;
    }

    /// <summary><c>/healthz</c>: 200 when the database answers, 503 when it does not. Names no hosts or errors.</summary>
    public static WebApplication MapHearthHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = "application/json";
                context.Response.Headers.CacheControl = "no-store";
                return context.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    status = report.Status.ToString(),
                    database = report.Entries.TryGetValue("database", out var entry) ? entry.Status.ToString() : "Unknown",
                }));
            },
        }).DisableRateLimiting();
        return app;
    }
}
