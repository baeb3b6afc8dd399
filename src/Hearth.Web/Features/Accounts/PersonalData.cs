using System.Text.Json;
using System.Text.Json.Nodes;
using Hearth.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Accounts;

/// <summary>
/// Each feature's part of a person's data: what "download my data" includes, and what erasure removes.
/// Register with <c>services.AddScoped&lt;IPersonalData, T&gt;()</c>; every feature that stores anything about a
/// person must add one, so that the export is complete and nothing survives deletion by accident.
/// </summary>
public interface IPersonalData
{
    /// <summary>The section's name in the export, e.g. "account" or "groups".</summary>
    string Section { get; }

    Task<object?> ExportAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Remove or anonymise this feature's data before the account row is deleted.</summary>
    Task EraseAsync(string userId, bool eraseContributions, CancellationToken cancellationToken);
}

/// <summary>The account's own part. Identity's rows, sessions and security events go with the account (cascade).</summary>
internal sealed class AccountPersonalData(HearthDb db, UserManager<HearthUser> users) : IPersonalData
{
    public string Section => "account";

    public async Task<object?> ExportAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
        var passkeys = await users.GetPasskeysAsync(user);
        return new
        {
            user.DisplayName,
            user.Email,
            user.EmailConfirmed,
            user.CreatedAt,
            user.TermsAcceptedAt,
            user.HealthDataConsentAt,
            user.EmailsIncludeDetails,
            user.RemindDayBefore,
            user.RemindHoursBefore,
            user.DiscussionDigest,
            user.MutedWords,
            user.TwoFactorEnabled,
            user.DeletionDueAt,
            Roles = await users.GetRolesAsync(user),
            Passkeys = passkeys.Select(p => new { p.Name, p.CreatedAt }),
            Sessions = await db.UserSessions.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt)
                .Select(s => new { s.Device, s.CreatedAt, s.LastSeenAt, s.EndedAt }).ToListAsync(cancellationToken),
            SecurityEvents = await db.SecurityEvents.AsNoTracking().Where(e => e.UserId == userId).OrderBy(e => e.At)
                .Select(e => new { Kind = e.Kind.ToString(), e.At, e.Device, e.Detail }).ToListAsync(cancellationToken),
        };
    }

    public Task EraseAsync(string userId, bool eraseContributions, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Builds the export: machine-readable JSON and the same content as a plain HTML page.</summary>
public sealed class PersonalDataExport(IEnumerable<IPersonalData> parts)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<byte[]> CreateZipAsync(string userId, DateTime now, CancellationToken cancellationToken)
    {
        var document = new JsonObject { ["exportedAt"] = now };
        foreach (var part in parts.OrderBy(p => p.Section, StringComparer.Ordinal))
        {
            document[part.Section] = JsonSerializer.SerializeToNode(await part.ExportAsync(userId, cancellationToken), Json);
        }

        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            await using (var json = new StreamWriter(await zip.CreateEntry("hearth-data.json").OpenAsync(cancellationToken)))
            {
                await json.WriteAsync(document.ToJsonString(Json));
            }

            await using var html = new StreamWriter(await zip.CreateEntry("hearth-data.html").OpenAsync(cancellationToken));
            await html.WriteAsync(ToHtml(document));
        }

        return buffer.ToArray();
    }

    private static string ToHtml(JsonObject document)
    {
        var html = new System.Text.StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Your information from Hearth</title></head><body><h1>Your information from Hearth</h1>");
        foreach (var (section, node) in document)
        {
            html.Append("<h2>").Append(Encode(section)).Append("</h2>");
            Render(node, html);
        }

        return html.Append("</body></html>").ToString();
    }

    private static void Render(JsonNode? node, System.Text.StringBuilder html)
    {
        switch (node)
        {
            case JsonObject obj:
                html.Append("<dl>");
                foreach (var (key, value) in obj)
                {
                    html.Append("<dt>").Append(Encode(key)).Append("</dt><dd>");
                    Render(value, html);
                    html.Append("</dd>");
                }

                html.Append("</dl>");
                break;
            case JsonArray array:
                html.Append(array.Count == 0 ? "<p>(none)</p>" : "<ol>");
                foreach (var item in array)
                {
                    html.Append("<li>");
                    Render(item, html);
                    html.Append("</li>");
                }

                html.Append(array.Count == 0 ? "" : "</ol>");
                break;
            case null:
                html.Append('—');
                break;
            default:
                html.Append(Encode(node.ToString()));
                break;
        }
    }

    private static string Encode(string text) => System.Net.WebUtility.HtmlEncode(text);
}
