using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Hearth.Web.Features.Groups;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Tests.Features.Groups;

/// <summary>
/// Every group page and action, for everyone who might ask (anonymous, signed in with nothing to do with the group,
/// asking to join, member, co-organiser, organiser, the network's moderator, admin and peer group worker, and someone
/// who wrote to the organisers), on listed and unlisted groups that are open, closed and invite-only.
/// Each row checks the answer (page, not found, sign in, access denied), what the page must show, and that nothing
/// reaches anyone who may not see it: the member list, requests and their messages, the waiting list, conversations,
/// the members-only address, email addresses, invite tokens, unlisted groups in the directory. Refused actions must
/// change nothing in the database; the same requests from those allowed must change it (so a refusal is real).
/// </summary>
public sealed class GroupAuthorisationMatrixTests(GroupAuthorisationMatrixFactory factory) : IClassFixture<GroupAuthorisationMatrixFactory>
{
    public enum Persona
    {
        Anonymous,
        NonMember,
        Requester,
        Member,
        CoOrganiser,
        Organiser,
        Moderator,
        Admin,
        PeerGroupWorker,

        /// <summary>Not a member; wrote to the organisers ("come for a chat first").</summary>
        Chatter,
    }

    public enum GroupKind
    {
        ListedOpen,
        ListedClosed,
        ListedInviteOnly,
        UnlistedOpen,
        UnlistedClosed,
        UnlistedInviteOnly,
    }

    /// <summary>Pages, fetched with GET.</summary>
    public enum Route
    {
        GroupPage,
        Membership,
        Manage,
        Edit,
        Chat,
        Chats,
        ChatThread,

        /// <summary>This group's conversation list, with the number of a conversation that belongs to another group.</summary>
        AnotherGroupsChatThread,
        Network,
        UnknownInvite,
        Invite,
        Mine,
        New,
        DirectoryByName,
        DirectoryNearby,
    }

    /// <summary>Actions, POSTed with a valid antiforgery token, as a crafted request would be.</summary>
    public enum Handler
    {
        Accept,
        Decline,
        ChangeRole,
        Remove,
        MakeInvite,
        RevokeInvite,
        StepDown,
        Edit,
        ReplyToChat,
        SetFacilitated,

        // On this group's manage page, aimed at another group's request, member, invite or conversation.
        AcceptAnotherGroupsRequest,
        DeclineAnotherGroupsRequest,
        ChangeAnotherGroupsRole,
        RemoveFromAnotherGroup,
        RevokeAnotherGroupsInvite,
        ReplyToAnotherGroupsChat,
    }

    public enum Outcome
    {
        /// <summary>200, the page.</summary>
        Shown,

        /// <summary>404: the page does not admit it exists.</summary>
        NotFound,

        /// <summary>Redirect to /account/sign-in.</summary>
        SignIn,

        /// <summary>403, or a redirect to /account/access-denied.</summary>
        Denied,

        /// <summary>Organisers asking for the person's chat page are sent to their list of conversations.</summary>
        ToChats,

        /// <summary>An action the person may take (tried on the scratch group by <see cref="Each_action_refused_to_others_works_for_whoever_may_take_it"/>).</summary>
        Allowed,

        /// <summary>200, the page again with an error: the action was understood and refused.</summary>
        Unchanged,
    }

    /// <summary>Which page a secret is shown on, for the secrets only one page may show.</summary>
    private enum Place
    {
        Manage,
        Chat,
        Chats,
        ChatThread,

        /// <summary>The invite page, whose address is the token: whoever has the link already holds it.</summary>
        Invite,
        Elsewhere,
    }

    private sealed record Secret(string Text, string What, Persona? Self, Func<Persona, Place, bool> Audience);

    private sealed record Ids(int Group, int Request, int Member, int Invite, int Conversation);

    private const string RenamedTo = "Renamed by a matrix test";
    private const string Reply = "A reply from the organisers in the matrix test";

    private static readonly Persona[] Personas = Enum.GetValues<Persona>();

    // ---------------------------------------------------------------- the matrix

    public static Outcome Expected(Route route, Persona persona) => (route, persona) switch
    {
        (Route.GroupPage or Route.Invite or Route.DirectoryByName or Route.DirectoryNearby, _) => Outcome.Shown,
        (Route.UnknownInvite, _) => Outcome.NotFound,
        (_, Persona.Anonymous) => Outcome.SignIn,
        (Route.Membership or Route.Mine or Route.New, _) => Outcome.Shown,
        (Route.Chat, _) => Organises(persona) ? Outcome.ToChats : Outcome.Shown,
        (Route.Manage or Route.Chats or Route.ChatThread, _) => Organises(persona) ? Outcome.Shown : Outcome.NotFound,
        (Route.Edit, _) => persona == Persona.Organiser ? Outcome.Shown : Outcome.NotFound,
        (Route.AnotherGroupsChatThread, _) => Outcome.NotFound,
        (Route.Network, _) => persona is Persona.Admin or Persona.PeerGroupWorker ? Outcome.Shown : Outcome.Denied,
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
    };

    public static Outcome Expected(Handler handler, Persona persona) => (handler, persona) switch
    {
        (_, Persona.Anonymous) => Outcome.SignIn,
        (Handler.SetFacilitated, _) => persona is Persona.Admin or Persona.PeerGroupWorker ? Outcome.Allowed : Outcome.Denied,
        (Handler.ReplyToAnotherGroupsChat, _) => Outcome.NotFound,
        (_, not (Persona.Organiser or Persona.CoOrganiser)) => Outcome.NotFound,
        // The group's organiser or co-organiser from here on.
        (Handler.Edit, _) => persona == Persona.Organiser ? Outcome.Allowed : Outcome.NotFound,
        (Handler.ChangeRole or Handler.Remove or Handler.ChangeAnotherGroupsRole or Handler.RemoveFromAnotherGroup, Persona.CoOrganiser) => Outcome.Denied,
        (Handler.AcceptAnotherGroupsRequest or Handler.DeclineAnotherGroupsRequest or Handler.RevokeAnotherGroupsInvite
            or Handler.ChangeAnotherGroupsRole or Handler.RemoveFromAnotherGroup, _) => Outcome.Unchanged,
        // The only organiser has to hand over before stepping down.
        (Handler.StepDown, Persona.Organiser) => Outcome.Unchanged,
        _ => Outcome.Allowed,
    };

    public static TheoryData<Route, Persona, GroupKind> Pages()
    {
        var rows = new TheoryData<Route, Persona, GroupKind>();
        foreach (var route in Enum.GetValues<Route>())
        {
            foreach (var persona in Personas)
            {
                foreach (var kind in Enum.GetValues<GroupKind>())
                {
                    rows.Add(route, persona, kind);
                }
            }
        }

        return rows;
    }

    public static TheoryData<Handler, Persona, GroupKind> Refusals()
    {
        var rows = new TheoryData<Handler, Persona, GroupKind>();
        foreach (var handler in Enum.GetValues<Handler>())
        {
            foreach (var persona in Personas.Where(p => Expected(handler, p) != Outcome.Allowed))
            {
                foreach (var kind in Enum.GetValues<GroupKind>())
                {
                    rows.Add(handler, persona, kind);
                }
            }
        }

        return rows;
    }

    public static TheoryData<Handler, Persona> Allowances()
    {
        var rows = new TheoryData<Handler, Persona>();
        foreach (var handler in Enum.GetValues<Handler>())
        {
            foreach (var persona in Personas.Where(p => Expected(handler, p) == Outcome.Allowed))
            {
                rows.Add(handler, persona);
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Each_group_page_answers_each_person_as_it_should_and_shows_them_only_what_they_may_see(Route route, Persona persona, GroupKind kind)
    {
        var group = factory.Groups[kind];
        var url = await UrlAsync(route, group);
        var expected = Expected(route, persona);

        using var response = await factory.ClientFor(persona, group).GetAsync(new Uri(url, UriKind.Relative));

        var body = await response.Content.ReadAsStringAsync();
        var problems = new List<string>();
        CheckAnswer(problems, expected, response, group);
        if (expected == Outcome.Shown && response.StatusCode == HttpStatusCode.OK)
        {
            CheckPage(problems, route, persona, group, Html.Parse(body), body);
        }

        CheckNothingLeaks(problems, body, persona, group, route switch
        {
            Route.Manage => Place.Manage,
            Route.Chat => Place.Chat,
            Route.Chats => Place.Chats,
            Route.ChatThread => Place.ChatThread,
            Route.Invite => Place.Invite,
            _ => Place.Elsewhere,
        });
        Assert.True(problems.Count == 0, $"GET {url} as {persona} ({group.Label}), expected {expected}:\n  {string.Join("\n  ", problems)}");
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Each_action_a_person_may_not_take_is_refused_and_changes_nothing(Handler handler, Persona persona, GroupKind kind)
    {
        var group = factory.Groups[kind];
        var client = factory.ClientFor(persona, group);
        var expected = Expected(handler, persona);
        var (url, fields) = await RequestAsync(handler, group, Other(kind), await AntiforgeryAsync(persona, client));
        var before = await SnapshotAsync();

        using var content = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync(new Uri(url, UriKind.Relative), content);

        var after = await SnapshotAsync();
        var body = await response.Content.ReadAsStringAsync();
        var problems = new List<string>();
        CheckAnswer(problems, expected, response, group);
        if (expected == Outcome.Unchanged && Html.Parse(body).QuerySelector("[data-error-summary]") is null)
        {
            problems.Add("the page again, but without saying why nothing changed");
        }

        problems.AddRange(after.Except(before, StringComparer.Ordinal).Select(row => $"the database changed: now {row}"));
        problems.AddRange(before.Except(after, StringComparer.Ordinal).Select(row => $"the database changed: was {row}"));
        if (!after.SequenceEqual(before, StringComparer.Ordinal))
        {
            // Put the groups back, so that one failure does not spill into the rows after it.
            foreach (var seeded in factory.Groups.Values)
            {
                await factory.ReseedAsync(seeded);
            }
        }

        // The manage page and a conversation are shown again to whoever may act there.
        CheckNothingLeaks(problems, body, persona, group, handler switch
        {
            Handler.Edit or Handler.SetFacilitated => Place.Elsewhere,
            Handler.ReplyToChat or Handler.ReplyToAnotherGroupsChat => Place.ChatThread,
            _ => Place.Manage,
        });
        Assert.True(problems.Count == 0, $"POST {url} ({handler}) as {persona} ({group.Label}), expected {expected}:\n  {string.Join("\n  ", problems)}");
    }

    [Theory]
    [MemberData(nameof(Allowances))]
    public async Task Each_action_refused_to_others_works_for_whoever_may_take_it(Handler handler, Persona persona)
    {
        var group = factory.Scratch;
        await factory.ReseedAsync(group);
        var client = factory.ClientFor(persona, group);
        var (url, fields) = await RequestAsync(handler, group, factory.Groups[GroupKind.ListedOpen], await AntiforgeryAsync(persona, client));
        var ids = await IdsAsync(group);

        using var content = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync(new Uri(url, UriKind.Relative), content);

        var body = await response.Content.ReadAsStringAsync();
        switch (handler)
        {
            case Handler.Edit:
                Assert.Equal($"/groups/{group.Slug}/edit?saved=1", response.RedirectTarget());
                break;
            case Handler.ReplyToChat:
                Assert.Equal($"/groups/{group.Slug}/chats/{ids.Conversation}?sent=1#latest", response.RedirectTarget());
                break;
            case Handler.SetFacilitated:
                Assert.Equal($"/groups/{group.Slug}/network?saved=1", response.RedirectTarget());
                break;
            case Handler.StepDown:
                // No longer running the group: back to its page, as a member.
                Assert.Equal($"/groups/{group.Slug}", response.RedirectTarget());
                break;
            default:
                var page = Html.Parse(body);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Null(page.QuerySelector("[data-error-summary]"));
                Assert.NotNull(page.QuerySelector("main .notice[role=status]"));
                break;
        }

        await using var db = factory.Open();
        var user = await db.Users.AsNoTracking().Where(u => u.Email == group.Requester.Email || u.Email == group.Member.Email || u.Email == group.CoOrganiser.Email)
            .ToDictionaryAsync(u => u.Email!, u => u.Id);
        var happened = handler switch
        {
            Handler.Accept => await db.GroupMembers.AnyAsync(m => m.GroupId == ids.Group && m.UserId == user[group.Requester.Email]),
            Handler.Decline => await db.JoinRequests.AnyAsync(r => r.Id == ids.Request && r.State == JoinRequestState.Declined),
            Handler.ChangeRole => await db.GroupMembers.AnyAsync(m => m.Id == ids.Member && m.Role == GroupRole.Organiser),
            Handler.Remove => !await db.GroupMembers.AnyAsync(m => m.Id == ids.Member),
            Handler.MakeInvite => await db.GroupInvites.CountAsync(i => i.GroupId == ids.Group) == 2,
            Handler.RevokeInvite => await db.GroupInvites.AnyAsync(i => i.Id == ids.Invite && i.RevokedAt != null),
            Handler.StepDown => await db.GroupMembers.AnyAsync(m => m.GroupId == ids.Group && m.UserId == user[group.CoOrganiser.Email] && m.Role == GroupRole.Member),
            Handler.Edit => await db.Groups.AnyAsync(g => g.Id == ids.Group && g.Name == RenamedTo),
            Handler.ReplyToChat => await db.ConversationMessages.AnyAsync(m => m.ConversationId == ids.Conversation && m.Body == Reply && m.FromOrganisers),
            Handler.SetFacilitated => await db.Groups.AnyAsync(g => g.Id == ids.Group && g.IsFacilitatedByNetwork),
            _ => throw new ArgumentOutOfRangeException(nameof(handler), handler, "No one may take this action."),
        };
        Assert.True(happened, $"{persona} posted {handler} to {url} and was answered {(int)response.StatusCode}, but nothing happened: {body[..Math.Min(body.Length, 300)]}");
    }

    // ---------------------------------------------------------------- requests

    private MatrixGroup Other(GroupKind kind) => factory.Groups[(GroupKind)(((int)kind + 1) % factory.Groups.Count)];

    private async Task<string> UrlAsync(Route route, MatrixGroup group)
    {
        var at = $"/groups/{group.Slug}";
        return route switch
        {
            Route.GroupPage => at,
            Route.Membership => $"{at}/membership",
            Route.Manage => $"{at}/manage",
            Route.Edit => $"{at}/edit",
            Route.Chat => $"{at}/chat",
            Route.Chats => $"{at}/chats",
            Route.ChatThread => $"{at}/chats/{(await IdsAsync(group)).Conversation}",
            Route.AnotherGroupsChatThread => $"{at}/chats/{(await IdsAsync(Other(KindOf(group)))).Conversation}",
            Route.Network => $"{at}/network",
            Route.UnknownInvite => $"{at}/invite/{GroupInvite.NewToken()}",
            Route.Invite => $"{at}/invite/{group.InviteToken}",
            Route.Mine => "/groups/mine",
            Route.New => "/groups/new",
            Route.DirectoryByName => $"/groups?q={Uri.EscapeDataString(group.Name)}",
            Route.DirectoryNearby => $"/groups?near={Uri.EscapeDataString(GroupAuthorisationMatrixFactory.Town)}",
            _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
        };
    }

    /// <summary>The request a form (or someone crafting one) would send, aimed at this group's rows or another's.</summary>
    private async Task<(string Url, List<KeyValuePair<string, string>> Fields)> RequestAsync(Handler handler, MatrixGroup group, MatrixGroup other, string antiforgery)
    {
        var mine = await IdsAsync(group);
        var theirs = await IdsAsync(other);
        var manage = $"/groups/{group.Slug}/manage?handler=";
        var (url, fields) = handler switch
        {
            Handler.Accept => (manage + "Accept", Fields(("requestId", mine.Request))),
            Handler.Decline => (manage + "Decline", Fields(("requestId", mine.Request), ("reason", "local"))),
            Handler.ChangeRole => (manage + "Role", Fields(("memberId", mine.Member), ("role", nameof(GroupRole.Organiser)))),
            Handler.Remove => (manage + "Remove", Fields(("memberId", mine.Member), ("confirm", "true"))),
            Handler.MakeInvite => (manage + "Invite", Fields(("InviteDays", 7))),
            Handler.RevokeInvite => (manage + "Revoke", Fields(("inviteId", mine.Invite))),
            Handler.StepDown => (manage + "StepDown", Fields()),
            Handler.Edit => ($"/groups/{group.Slug}/edit", EditForm(group)),
            Handler.ReplyToChat => ($"/groups/{group.Slug}/chats/{mine.Conversation}", Fields(("Body", Reply))),
            Handler.SetFacilitated => ($"/groups/{group.Slug}/network", Fields(("Facilitated", "true"))),
            Handler.AcceptAnotherGroupsRequest => (manage + "Accept", Fields(("requestId", theirs.Request))),
            Handler.DeclineAnotherGroupsRequest => (manage + "Decline", Fields(("requestId", theirs.Request), ("reason", "local"))),
            Handler.ChangeAnotherGroupsRole => (manage + "Role", Fields(("memberId", theirs.Member), ("role", nameof(GroupRole.Organiser)))),
            Handler.RemoveFromAnotherGroup => (manage + "Remove", Fields(("memberId", theirs.Member), ("confirm", "true"))),
            Handler.RevokeAnotherGroupsInvite => (manage + "Revoke", Fields(("inviteId", theirs.Invite))),
            Handler.ReplyToAnotherGroupsChat => ($"/groups/{group.Slug}/chats/{theirs.Conversation}", Fields(("Body", Reply))),
            _ => throw new ArgumentOutOfRangeException(nameof(handler), handler, null),
        };
        fields.Add(new("__antiforgery", antiforgery));
        return (url, fields);
    }

    private static List<KeyValuePair<string, string>> Fields(params (string Name, object Value)[] fields) =>
        [.. fields.Select(f => new KeyValuePair<string, string>(f.Name, Convert.ToString(f.Value, System.Globalization.CultureInfo.InvariantCulture)!))];

    /// <summary>The whole edit form as the organiser would send it, with a new name.</summary>
    private static List<KeyValuePair<string, string>> EditForm(MatrixGroup group) => Fields(
        ("Form.Name", RenamedTo),
        ("Form.Summary", group.Summary),
        ("Form.Topics", "general-wellbeing"),
        ("Form.Audiences", "everyone"),
        ("Form.Format", nameof(GroupFormat.InPerson)),
        ("Form.Town", GroupAuthorisationMatrixFactory.Town),
        ("Form.VenueName", "Matrix Hall"),
        ("Form.VenueAddress", group.Address),
        ("Form.AddressForMembersOnly", "true"),
        ("Form.JoinPolicy", group.Policy.ToString()),
        ("Form.Languages", "en"),
        ("Form.Visibility", group.Listed ? "listed" : "unlisted"),
        ("Form.AgreementText", "What is said in the group stays in the group."));

    /// <summary>A valid antiforgery token for this browser (and whoever is signed in on it), fetched once.</summary>
    private async Task<string> AntiforgeryAsync(Persona persona, HttpClient client)
    {
        if (!factory.Antiforgery.TryGetValue(client, out var token))
        {
            var page = await client.GetDocumentAsync(persona == Persona.Anonymous ? "/account/sign-in" : "/account");
            token = page.QuerySelector("input[name='__antiforgery']")!.GetAttribute("value")!;
            factory.Antiforgery[client] = token;
        }

        return token;
    }

    private GroupKind KindOf(MatrixGroup group) => factory.Groups.Single(g => g.Value == group).Key;

    private async Task<Ids> IdsAsync(MatrixGroup group)
    {
        await using var db = factory.Open();
        var id = await db.Groups.Where(g => g.Slug == group.Slug).Select(g => g.Id).SingleAsync();
        var requesterEmail = group.Requester.Email;
        var memberEmail = group.Member.Email;
        return new Ids(
            id,
            await db.JoinRequests.Where(r => r.GroupId == id && db.Users.Any(u => u.Id == r.UserId && u.Email == requesterEmail)).Select(r => r.Id).SingleAsync(),
            await db.GroupMembers.Where(m => m.GroupId == id && db.Users.Any(u => u.Id == m.UserId && u.Email == memberEmail)).Select(m => m.Id).SingleAsync(),
            await db.GroupInvites.Where(i => i.GroupId == id).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync(),
            await db.Conversations.Where(c => c.GroupId == id).Select(c => c.Id).SingleAsync());
    }

    /// <summary>Every row of every matrix group, one line each, to tell whether anything changed.</summary>
    private async Task<List<string>> SnapshotAsync()
    {
        await using var db = factory.Open();
        var slugs = factory.Groups.Values.Select(g => g.Slug).ToList();
        var groups = await db.Groups.AsNoTracking().Where(g => slugs.Contains(g.Slug)).OrderBy(g => g.Id).ToListAsync();
        var ids = groups.Select(g => g.Id).ToList();
        var conversations = await db.Conversations.AsNoTracking().Where(c => ids.Contains(c.GroupId)).OrderBy(c => c.Id).ToListAsync();
        var conversationIds = conversations.Select(c => c.Id).ToList();
        IEnumerable<object> rows =
        [
            .. groups,
            .. await db.GroupMembers.AsNoTracking().Where(m => ids.Contains(m.GroupId)).OrderBy(m => m.Id).ToListAsync(),
            .. await db.JoinRequests.AsNoTracking().Where(r => ids.Contains(r.GroupId)).OrderBy(r => r.Id).ToListAsync(),
            .. await db.GroupInvites.AsNoTracking().Where(i => ids.Contains(i.GroupId)).OrderBy(i => i.Id).ToListAsync(),
            .. conversations,
            .. await db.ConversationMessages.AsNoTracking().Where(m => conversationIds.Contains(m.ConversationId)).OrderBy(m => m.Id).ToListAsync(),
        ];
        return [.. rows.Select(row => $"{row.GetType().Name} {JsonSerializer.Serialize(row, row.GetType())}")];
    }

    // ---------------------------------------------------------------- checks

    private static bool Organises(Persona persona) => persona is Persona.Organiser or Persona.CoOrganiser;

    private static bool Belongs(Persona persona) => persona is Persona.Member or Persona.CoOrganiser or Persona.Organiser;

    private static void CheckAnswer(List<string> problems, Outcome expected, HttpResponseMessage response, MatrixGroup group)
    {
        var status = (int)response.StatusCode;
        var location = Location(response);
        var ok = expected switch
        {
            Outcome.Shown or Outcome.Unchanged => status == 200,
            Outcome.NotFound => status == 404,
            Outcome.SignIn => status == 302 && location?.StartsWith("/account/sign-in?returnUrl=", StringComparison.Ordinal) == true,
            Outcome.Denied => status == 403 || (status == 302 && location?.StartsWith("/account/access-denied", StringComparison.Ordinal) == true),
            Outcome.ToChats => status == 302 && location == $"/groups/{group.Slug}/chats",
            _ => throw new ArgumentOutOfRangeException(nameof(expected), expected, null),
        };
        if (!ok)
        {
            problems.Add($"answered {status}{(location is null ? "" : $" to {location}")}");
        }
    }

    private static string? Location(HttpResponseMessage response) =>
        response.Headers.Location is not { } location ? null
        : location.IsAbsoluteUri ? location.PathAndQuery
        : location.OriginalString;

    /// <summary>What the page must show this person (so that what it must not show is checked on a real page).</summary>
    private static void CheckPage(List<string> problems, Route route, Persona persona, MatrixGroup group, IDocument page, string body)
    {
        void Expect(bool condition, string what)
        {
            if (!condition)
            {
                problems.Add(what);
            }
        }

        string TextOf(string selector) => page.QuerySelector(selector)?.Text() ?? "";
        var main = page.QuerySelector("main")?.Text() ?? "";
        var slug = group.Slug;
        switch (route)
        {
            case Route.GroupPage:
                Expect(TextOf("[data-organisers]") == group.Organiser.DisplayName, "the organiser's name is not on the page");
                Expect(Belongs(persona) == main.Contains(group.Address, StringComparison.Ordinal), Belongs(persona) ? "no address for a member" : "the address");
                Expect(Belongs(persona) != main.Contains("The street address is shared with members when they join.", StringComparison.Ordinal), "wrong words about the address");
                Expect(Belongs(persona) == (page.QuerySelector("[data-members]") is not null), Belongs(persona) ? "no member list for a member" : "a member list");
                if (Belongs(persona))
                {
                    foreach (var member in new[] { group.Organiser, group.CoOrganiser, group.Member })
                    {
                        Expect(TextOf("[data-members]").Contains(member.DisplayName, StringComparison.Ordinal), $"{member.DisplayName} missing from the member list");
                    }
                }

                Expect(Organises(persona) == (page.QuerySelector($"a[href='/groups/{slug}/manage']") is not null), "the link to run the group is wrong");
                Expect((persona is Persona.Admin or Persona.PeerGroupWorker) == (page.QuerySelector($"a[href='/groups/{slug}/network']") is not null), "the link for network staff is wrong");
                break;
            case Route.Membership:
                Expect((persona == Persona.Requester) == (page.QuerySelector("[data-request-state=requested]") is not null), "the request's state is wrong");
                Expect(Belongs(persona) == (page.QuerySelector("form[action*='handler=Leave']") is not null), "the leave form is wrong");
                break;
            case Route.Manage:
                Expect(TextOf("[data-requests]").Contains(group.Requester.DisplayName, StringComparison.Ordinal), "the request is not listed");
                Expect(TextOf("[data-requests]").Contains(group.RequestMessage, StringComparison.Ordinal), "the request's message is not shown");
                Expect(TextOf("[data-waiting]").Contains(group.Waiter.DisplayName, StringComparison.Ordinal), "the waiting list is not shown");
                Expect(TextOf("[data-members]").Contains(group.Member.DisplayName, StringComparison.Ordinal), "the member list is not shown");
                Expect((persona == Persona.Organiser) == (page.QuerySelector("form[action*='handler=Role']") is not null), "the role buttons are wrong");
                break;
            case Route.Edit:
                Expect(page.QuerySelector("textarea[name='Form.VenueAddress']")?.TextContent.Trim() == group.Address, "the edit form is not filled in");
                break;
            case Route.Chat:
                Expect((persona == Persona.Chatter) == TextOf("[data-chat]").Contains(group.ChatBody, StringComparison.Ordinal), "the conversation is wrong");
                break;
            case Route.Chats:
                Expect(TextOf("[data-chats]").Contains(group.Chatter.DisplayName, StringComparison.Ordinal), "the conversation is not listed");
                break;
            case Route.ChatThread:
                Expect(TextOf("[data-chat]").Contains(group.ChatBody, StringComparison.Ordinal) && TextOf("[data-chat]").Contains(group.ReplyBody, StringComparison.Ordinal), "the conversation is not shown");
                break;
            case Route.Network:
                Expect(page.QuerySelector("main form input[name='Facilitated']") is not null, "no form to set facilitation");
                break;
            case Route.Invite:
                Expect(page.Heading().Contains(group.Name, StringComparison.Ordinal), "the invite does not name the group");
                break;
            case Route.Mine:
                Expect(Belongs(persona) == (page.QuerySelector($"[data-my-groups] a[href='/groups/{slug}']") is not null), "the group is wrongly in or out of my groups");
                Expect((persona == Persona.Requester) == (page.QuerySelector($"[data-joining] a[href='/groups/{slug}/membership']") is not null), "the request is wrongly in or out of my groups");
                break;
            case Route.New:
                Expect(page.QuerySelector("main form[method=post]") is not null, "no form to start a group");
                break;
            case Route.DirectoryByName or Route.DirectoryNearby:
                var listed = page.QuerySelector($".group-list a[href='/groups/{slug}']") is not null;
                Expect(group.Listed == listed, group.Listed ? "a listed group is missing from the directory" : "an unlisted group is in the directory");
                if (!group.Listed)
                {
                    Expect(!body.Contains(slug, StringComparison.Ordinal) && !body.Contains(group.Summary, StringComparison.Ordinal), "the directory mentions an unlisted group");
                    Expect(route == Route.DirectoryByName || !body.Contains(group.Name, StringComparison.Ordinal), "the directory names an unlisted group");
                }

                break;
            default:
                break;
        }
    }

    /// <summary>
    /// No secret of any matrix group in the response unless the viewer may see it there. A person's role counts in
    /// their own group only: in every other group they are a stranger.
    /// </summary>
    private void CheckNothingLeaks(List<string> problems, string body, Persona persona, MatrixGroup viewersGroup, Place place)
    {
        var ownsPersona = persona is Persona.Requester or Persona.Member or Persona.CoOrganiser or Persona.Organiser or Persona.Chatter;
        foreach (var group in factory.AllGroups)
        {
            var role = ownsPersona && group != viewersGroup ? Persona.NonMember : persona;
            // A page of one group is never the place for another group's secrets.
            var where = group == viewersGroup ? place : Place.Elsewhere;
            foreach (var secret in SecretsOf(group))
            {
                var maySee = role == secret.Self || secret.Audience(role, where);
                if (!maySee && body.Contains(secret.Text, StringComparison.Ordinal))
                {
                    problems.Add($"shows {secret.What} of {group.Label} (\"{secret.Text}\")");
                }
            }
        }
    }

    private static IEnumerable<Secret> SecretsOf(MatrixGroup group)
    {
        static bool Nobody(Persona persona, Place place) => false;
        yield return new(group.Address, "the members-only address", null, (p, _) => Belongs(p));
        yield return new(group.Member.DisplayName, "a member's name", Persona.Member, (p, _) => Belongs(p));
        yield return new(group.CoOrganiser.DisplayName, "the co-organiser's name", Persona.CoOrganiser, (p, _) => Belongs(p));
        yield return new(group.Requester.DisplayName, "the name of someone asking to join", Persona.Requester, (p, place) => Organises(p) && place == Place.Manage);
        yield return new(group.RequestMessage, "the message with a request to join", Persona.Requester, (p, place) => Organises(p) && place == Place.Manage);
        yield return new(group.Waiter.DisplayName, "the name of someone on the waiting list", null, (p, place) => Organises(p) && place == Place.Manage);
        yield return new(group.Chatter.DisplayName, "the name of someone who wrote to the organisers", Persona.Chatter,
            (p, place) => Organises(p) && (place is Place.Chats or Place.ChatThread));
        foreach (var words in new[] { group.ChatBody, group.ReplyBody })
        {
            yield return new(words, "words from a conversation with the organisers", null,
                (p, place) => (Organises(p) && place == Place.ChatThread) || (p == Persona.Chatter && place == Place.Chat));
        }

        yield return new(group.InviteToken, "the invite link's token", null, (_, place) => place == Place.Invite);
        yield return new(GroupInvite.Hash(group.InviteToken), "the invite link's stored hash", null, Nobody);
        foreach (var (person, self) in new (Person, Persona?)[]
        {
            (group.Organiser, Persona.Organiser), (group.CoOrganiser, Persona.CoOrganiser), (group.Member, Persona.Member),
            (group.Requester, Persona.Requester), (group.Waiter, null), (group.Chatter, Persona.Chatter),
        })
        {
            yield return new(person.Email, "an email address", self, Nobody);
        }
    }
}
