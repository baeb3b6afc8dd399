using System.Text.RegularExpressions;
using Hearth.Web.Data;
using Hearth.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Features.Groups;

/// <summary>
/// Everything organisers write about their group, in the steps of "start a group" (and all at once when they
/// change it later). Each step is checked on its own; nothing typed is lost when a step is refused.
/// </summary>
public sealed partial class GroupForm
{
    /// <summary>A new group's starting point: English, street address for members only.</summary>
    public static GroupForm Blank() => new() { Languages = ["en"], AddressForMembersOnly = true };

    public const int Steps = 4;

    /// <summary>Addresses Hearth uses itself under /groups/.</summary>
    public static readonly IReadOnlySet<string> ReservedSlugs = new HashSet<string>(StringComparer.Ordinal) { "new", "mine", "feeds", "search", "admin", "calendar" };

    /// <summary>The clauses an agreement can start from; organisers then edit the words.</summary>
    public static readonly IReadOnlyList<string> AgreementClauses =
        ["confidentiality", "respect", "listening", "no-advice", "own-pace", "one-voice", "phones", "safety"];

    public string? Name { get; set; }

    public string? Slug { get; set; }

    public string? Summary { get; set; }

    public List<string> Topics { get; set; } = [];

    public List<string> Audiences { get; set; } = [];

    public string? Description { get; set; }

    public string? WhatToExpect { get; set; }

    public string? WhatItIsNot { get; set; }

    public string? Faq { get; set; }

    public string Format { get; set; } = nameof(GroupFormat.InPerson);

    public string? Town { get; set; }

    public string? VenueName { get; set; }

    public string? VenueAddress { get; set; }

    public bool AddressForMembersOnly { get; set; }

    public string? AccessNotes { get; set; }

    public List<string> Access { get; set; } = [];

    public string JoinPolicy { get; set; } = nameof(Groups.JoinPolicy.Open);

    public string? Capacity { get; set; }

    public List<string> Languages { get; set; } = [];

    public string Visibility { get; set; } = "listed";

    public List<string> Clauses { get; set; } = [];

    public string? AgreementText { get; set; }

    /// <summary>Checks one step (1–4) and adds each problem beside its field under <paramref name="prefix"/>.</summary>
    public async Task CheckStepAsync(int step, ModelStateDictionary errors, string prefix, HearthDb db, Gazetteer.Gazetteer gazetteer, IStringLocalizer<Strings> text, int? groupId, CancellationToken cancellationToken)
    {
        void Problem(string field, string message) => errors.AddModelError($"{prefix}.{field}", message);

        switch (step)
        {
            case 1:
                Required(Name, nameof(Name), 120, "Groups.Form.NameRequired");
                Required(Summary, nameof(Summary), 600, "Groups.Form.SummaryRequired");
                var slug = Slug?.Trim() ?? "";
                if (slug.Length == 0)
                {
                    Problem(nameof(Slug), text["Groups.Form.SlugRequired"]);
                }
                else if (slug.Length is < 3 or > 60 || !SlugPattern().IsMatch(slug))
                {
                    Problem(nameof(Slug), text["Groups.Form.SlugShape", SuggestSlug(slug)]);
                }
                else if (ReservedSlugs.Contains(slug)
                    || await db.Groups.AnyAsync(g => g.Slug == slug && g.Id != groupId, cancellationToken))
                {
                    Problem(nameof(Slug), text["Groups.Form.SlugTaken", slug]);
                }

                break;
            case 2:
                if (Topics.Count == 0 || Topics.Any(t => !Vocabulary.Topics.Contains(t)))
                {
                    Problem(nameof(Topics), text["Groups.Form.TopicsRequired"]);
                }

                if (Audiences.Count == 0 || Audiences.Any(a => !Vocabulary.Audiences.Contains(a)))
                {
                    Problem(nameof(Audiences), text["Groups.Form.AudiencesRequired"]);
                }

                Markdown(Description, nameof(Description), 4000);
                Optional(WhatToExpect, nameof(WhatToExpect), 2000);
                Optional(WhatItIsNot, nameof(WhatItIsNot), 1000);
                Markdown(Faq, nameof(Faq), 4000);
                break;
            case 3:
                if (!Enum.TryParse<GroupFormat>(Format, out var format) || !Enum.IsDefined(format))
                {
                    Problem(nameof(Format), text["Groups.Form.FormatRequired"]);
                }
                else if (format != GroupFormat.Online)
                {
                    if (string.IsNullOrWhiteSpace(Town))
                    {
                        Problem(nameof(Town), text["Groups.Form.TownRequired"]);
                    }
                    else
                    {
                        var match = gazetteer.Find(Town);
                        if (match.Places.Count == 0)
                        {
                            Problem(nameof(Town), match.Suggestions.Count > 0
                                ? text["Groups.Form.TownUnknownSuggest", Town.Trim(), string.Join(", ", match.Suggestions)]
                                : text["Groups.Form.TownUnknown", Town.Trim()]);
                        }
                        else if (match.Places.Count > 1)
                        {
                            Problem(nameof(Town), text["Groups.Form.TownAmbiguous", Town.Trim(), string.Join("; ", match.Places.Select(p => p.Label))]);
                        }
                    }
                }

                Optional(VenueName, nameof(VenueName), 120);
                Optional(VenueAddress, nameof(VenueAddress), 300);
                Optional(AccessNotes, nameof(AccessNotes), 500);
                if (Access.Any(a => !Vocabulary.Access.Contains(a)))
                {
                    Problem(nameof(Access), text["Groups.Form.AccessUnknown"]);
                }

                break;
            case 4:
                if (!Enum.TryParse<JoinPolicy>(JoinPolicy, out var policy) || !Enum.IsDefined(policy))
                {
                    Problem(nameof(JoinPolicy), text["Groups.Form.JoinRequired"]);
                }

                if (!string.IsNullOrWhiteSpace(Capacity)
                    && (!int.TryParse(Capacity.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size) || size < 2 || size > Group.MaxCapacity))
                {
                    Problem(nameof(Capacity), text["Groups.Form.CapacityRange", Group.MaxCapacity]);
                }

                if (Languages.Count == 0 || Languages.Any(l => !Vocabulary.Languages.Contains(l)))
                {
                    Problem(nameof(Languages), text["Groups.Form.LanguagesRequired"]);
                }

                if (Visibility is not ("listed" or "unlisted"))
                {
                    Problem(nameof(Visibility), text["Groups.Form.VisibilityRequired"]);
                }

                Required(AgreementText, nameof(AgreementText), 4000, "Groups.Form.AgreementRequired");
                break;
            default:
                break;
        }

        void Required(string? value, string field, int max, string requiredKey)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Problem(field, text[requiredKey]);
            }
            else
            {
                Optional(value, field, max);
            }
        }

        void Optional(string? value, string field, int max)
        {
            if (value?.Trim().Length > max)
            {
                Problem(field, text["Groups.Form.TooLong", max, value.Trim().Length]);
            }
        }

        void Markdown(string? value, string field, int max)
        {
            Optional(value, field, max);
            switch (SafeMarkdown.Problem(value))
            {
                case SafeMarkdown.Issue.Html:
                    Problem(field, text["Groups.Form.MarkdownHtml"]);
                    break;
                case SafeMarkdown.Issue.Picture:
                    Problem(field, text["Groups.Form.MarkdownPicture"]);
                    break;
                case SafeMarkdown.Issue.Link:
                    Problem(field, text["Groups.Form.MarkdownLink"]);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>
    /// The agreement with each chosen clause added (in the organiser's language) unless its words are already
    /// there: adding never removes what was typed.
    /// </summary>
    public string ComposeAgreement(IStringLocalizer<Strings> text)
    {
        var current = AgreementText?.Trim() ?? "";
        var added = AgreementClauses.Where(Clauses.Contains)
            .Select(c => text[$"Agreement.{c}"].Value)
            .Where(clause => !current.Contains(clause, StringComparison.Ordinal));
        return string.Join("\n", new[] { current }.Concat(added).Where(line => line.Length > 0));
    }

    /// <summary>A URL-safe version of a name: "Prestatyn Hearing Voices!" → "prestatyn-hearing-voices".</summary>
    public static string SuggestSlug(string? name)
    {
        var folded = Gazetteer.Gazetteer.Fold(name ?? "");
        var slug = NotSlug().Replace(folded.ToLowerInvariant(), "-").Trim('-');
        return slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
    }

    public static GroupForm From(Group group) => new()
    {
        Name = group.Name,
        Slug = group.Slug,
        Summary = group.Summary,
        Topics = [.. Vocabulary.Read(group.Topics)],
        Audiences = [.. Vocabulary.Read(group.Audiences)],
        Description = group.Description,
        WhatToExpect = group.WhatToExpect,
        WhatItIsNot = group.WhatItIsNot,
        Faq = group.Faq,
        Format = group.Format.ToString(),
        Town = group.Town,
        VenueName = group.VenueName,
        VenueAddress = group.VenueAddress,
        AddressForMembersOnly = group.AddressForMembersOnly,
        AccessNotes = group.AccessNotes,
        Access = [.. Vocabulary.Read(group.Access)],
        JoinPolicy = group.JoinPolicy.ToString(),
        Capacity = group.Capacity?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Languages = [.. group.Languages.Split(',', StringSplitOptions.RemoveEmptyEntries)],
        Visibility = group.IsListed ? "listed" : "unlisted",
        AgreementText = group.AgreementText,
    };

    /// <summary>Copies the checked form onto a group. Returns true if the agreement's words changed.</summary>
    public bool ApplyTo(Group group, Gazetteer.Gazetteer gazetteer)
    {
        group.Name = Name!.Trim();
        group.Slug = Slug!.Trim();
        group.Summary = Summary!.Trim();
        group.Topics = Vocabulary.Store([.. Vocabulary.Topics.Where(Topics.Contains)]);
        group.Audiences = Vocabulary.Store([.. Vocabulary.Audiences.Where(Audiences.Contains)]);
        group.Description = Trimmed(Description);
        group.WhatToExpect = Trimmed(WhatToExpect);
        group.WhatItIsNot = Trimmed(WhatItIsNot);
        group.Faq = Trimmed(Faq);
        group.Format = Enum.Parse<GroupFormat>(Format);
        var place = group.Format == GroupFormat.Online ? null : gazetteer.Find(Town!).Places[0];
        (group.Town, group.Latitude, group.Longitude) = (place?.Name, place?.Latitude, place?.Longitude);
        group.VenueName = place is null ? null : Trimmed(VenueName);
        group.VenueAddress = place is null ? null : Trimmed(VenueAddress);
        group.AddressForMembersOnly = AddressForMembersOnly;
        group.AccessNotes = place is null ? null : Trimmed(AccessNotes);
        group.Access = Vocabulary.Store([.. Vocabulary.Access.Where(Access.Contains)]);
        group.JoinPolicy = Enum.Parse<JoinPolicy>(JoinPolicy);
        group.Capacity = string.IsNullOrWhiteSpace(Capacity) ? null : int.Parse(Capacity.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        group.Languages = string.Join(',', Vocabulary.Languages.Where(Languages.Contains));
        group.IsListed = Visibility == "listed";
        var agreement = AgreementText!.Trim().ReplaceLineEndings("\n");
        var changed = agreement != group.AgreementText;
        group.AgreementText = agreement;
        return changed;
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();
}
