using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Hearth.Web.Features.Mail;

/// <summary>
/// This Hearth's public origin, for links in emails and for checking passkeys: <c>Hearth:Mail:BaseUrl</c>.
/// Only Development and the test host may fall back to the request's own address; anywhere else a missing
/// setting is refused, so a forged Host header can never decide where a reset link points.
/// </summary>
public static class PublicAddress
{
    public const string TestEnvironment = "Testing";

    public static string? Origin(MailOptions options, IHostEnvironment environment, HttpRequest? request)
    {
        if (Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var configured))
        {
            return configured.GetLeftPart(UriPartial.Authority);
        }

        return request is not null && (environment.IsDevelopment() || environment.IsEnvironment(TestEnvironment))
            ? $"{request.Scheme}://{request.Host}"
            : null;
    }

    /// <summary>
    /// For work outside a request (reminders, digests): Hearth:Mail:BaseUrl; in Development, where it is usually
    /// unset, the address Kestrel listens on.
    /// </summary>
    public static string? Background(MailOptions options, IHostEnvironment environment, IServer server) =>
        Origin(options, environment, request: null)
        ?? (environment.IsDevelopment() ? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/') : null);
}
