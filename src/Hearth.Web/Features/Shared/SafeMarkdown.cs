using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Hearth.Web.Features.Shared;

/// <summary>
/// The Markdown people may write: paragraphs, emphasis, lists, headings, quotes and links to web pages or email
/// addresses. Raw HTML and pictures are not allowed, nor links of any other scheme (<c>javascript:</c>, <c>data:</c>...).
/// Forms refuse such text with <see cref="Problem"/>, so nothing is silently changed; the renderer still escapes
/// HTML and unlinks anything else, in case text reached the database another way.
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Checking = new MarkdownPipelineBuilder().Build();

    private static readonly MarkdownPipeline Rendering = new MarkdownPipelineBuilder().DisableHtml().Build();

    public enum Issue
    {
        None,
        Html,
        Picture,
        Link,
    }

    /// <summary>What would be refused in <paramref name="markdown"/>, or <see cref="Issue.None"/>.</summary>
    public static Issue Problem(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return Issue.None;
        }

        var document = Markdown.Parse(markdown, Checking);
        foreach (var node in document.Descendants())
        {
            switch (node)
            {
                case HtmlBlock or HtmlInline:
                    return Issue.Html;
                case LinkInline { IsImage: true }:
                    return Issue.Picture;
                case LinkInline link when !IsAllowed(link.Url):
                    return Issue.Link;
                case AutolinkInline autolink when !autolink.IsEmail && !IsAllowed(autolink.Url):
                    return Issue.Link;
                default:
                    break;
            }
        }

        return Issue.None;
    }

    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var document = Markdown.Parse(markdown, Rendering);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (link.IsImage || !IsAllowed(link.Url))
            {
                Unlink(link);
            }
            else
            {
                link.GetAttributes().AddPropertyIfNotExist("rel", "nofollow noopener noreferrer");
            }
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!autolink.IsEmail && !IsAllowed(autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Rendering.Setup(renderer);
        renderer.Render(document);
        return writer.ToString();
    }

    /// <summary>Web pages, email addresses and Hearth's own pages (a path from the root).</summary>
    public static bool IsAllowed(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        var trimmed = url.Trim();
        if (trimmed.StartsWith('/') && !trimmed.StartsWith("//", StringComparison.Ordinal) && !trimmed.StartsWith("/\\", StringComparison.Ordinal))
        {
            return true;
        }

        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeMailto);
    }

    /// <summary>Keeps a link's words and drops the link itself (or, for a picture, keeps its description).</summary>
    private static void Unlink(LinkInline link)
    {
        var child = link.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            child.Remove();
            link.InsertBefore(child);
            child = next;
        }

        link.Remove();
    }
}
