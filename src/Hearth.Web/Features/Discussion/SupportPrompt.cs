namespace Hearth.Web.Features.Discussion;

/// <summary>
/// The supportive page shown before an urgent post is published: helplines, then the choice to post anyway or go
/// back and change it. Everything the person wrote travels in <see cref="Fields"/>, so nothing is lost whichever
/// they choose.
/// </summary>
public sealed record SupportPrompt(string Handler, IReadOnlyList<KeyValuePair<string, string?>> Fields);

/// <summary>One post on a topic's page, with what the viewer may do to it.</summary>
public sealed record PostCard(PostView Post, string Slug, int TopicId, int Page, bool CanAct)
{
    /// <summary>Where a button on this post sends the page's shared form.</summary>
    public string Action(string handler, ReactionKind? kind = null) =>
        $"/groups/{Slug}/discussion/{TopicId}?handler={handler}&postId={Post.Id}&p={Page}" + (kind is null ? "" : $"&kind={kind}");
}
