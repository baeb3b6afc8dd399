using System.Text;
using Hearth.Web.Features.Mail;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Hearth.Web.Features.Accounts;

/// <summary>
/// The emails accounts send. Content-free by rule: they never name a group, a person or what was said.
/// Links are built from <c>Hearth:Mail:BaseUrl</c>, never from the request's Host header, so that nobody
/// can make Hearth send a reset link that points elsewhere.
/// </summary>
public sealed class AccountEmails(Mailer mailer, IStringLocalizer<Strings> text, IOptions<MailOptions> options, IHttpContextAccessor http, IHostEnvironment environment)
{
    public static string EncodeToken(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? DecodeToken(string? code)
    {
        try
        {
            return code is null ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public void ConfirmEmail(string to, string userId, string token) =>
        Send(to, "Email.Confirm.Subject", "Email.Confirm.Body", Link("/account/confirm-email", ("userId", userId), ("code", EncodeToken(token))));

    public void AlreadyRegistered(string to) =>
        Send(to, "Email.AlreadyRegistered.Subject", "Email.AlreadyRegistered.Body", Link("/account/forgot-password"));

    public void ResetPassword(string to, string userId, string token) =>
        Send(to, "Email.Reset.Subject", "Email.Reset.Body", Link("/account/reset-password", ("userId", userId), ("code", EncodeToken(token))));

    public void ChangeEmail(string to, string userId, string token) =>
        Send(to, "Email.Change.Subject", "Email.Change.Body", Link("/account/confirm-email-change", ("userId", userId), ("email", to), ("code", EncodeToken(token))));

    public void EmailInUse(string to) =>
        Send(to, "Email.InUse.Subject", "Email.InUse.Body", Link("/account/forgot-password"));

    public void EmailChanged(string oldAddress) =>
        Send(oldAddress, "Email.Changed.Subject", "Email.Changed.Body", Link("/account/forgot-password"));

    public void LockedOut(string to) =>
        Send(to, "Email.LockedOut.Subject", "Email.LockedOut.Body", Link("/account/forgot-password"));

    public void DeletionScheduled(string to, DateTime due) =>
        Send(to, "Email.Deletion.Subject", "Email.Deletion.Body", due.ToString("d MMMM yyyy", System.Globalization.CultureInfo.CurrentCulture), Link("/account/sign-in"));

    /// <summary>A notice from another feature; the body's last placeholder is a link to <paramref name="path"/> on this Hearth.</summary>
    public void Notice(string to, string subjectKey, string bodyKey, string path, params object[] arguments) =>
        Send(to, subjectKey, bodyKey, [.. arguments, Link(path)]);

    private void Send(string to, string subjectKey, string bodyKey, params object[] arguments) =>
        mailer.Send(new MailMessageToSend(to, text[subjectKey, arguments].Value, text[bodyKey, arguments].Value.Replace("\\n", "\n", StringComparison.Ordinal)));

    private string Link(string path, params (string Name, string Value)[] query)
    {
        var origin = PublicAddress.Origin(options.Value, environment, http.HttpContext?.Request)
            ?? throw new InvalidOperationException("Hearth:Mail:BaseUrl is not set.");
        var url = origin + path;
        return query.Length == 0 ? url : QueryHelpers.AddQueryString(url, query.Select(q => new KeyValuePair<string, string?>(q.Name, q.Value)));
    }
}
