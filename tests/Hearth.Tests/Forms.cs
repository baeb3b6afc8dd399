using System.Net;
using AngleSharp.Dom;
using Xunit.Sdk;

namespace Hearth.Tests;

/// <summary>
/// Sends forms the way a browser does: fetch the page, take the form's hidden fields (the antiforgery token among
/// them) and ticked boxes, fill in what the person types, and post to wherever the form says.
/// </summary>
public static class Forms
{
    public static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>();

    /// <summary>
    /// GETs <paramref name="pageUrl"/>, finds the form (by default the first <c>main form[method=post]</c>), and posts
    /// its hidden inputs and checked checkboxes with <paramref name="fields"/> on top, url-encoded, to the form's action
    /// or else to the page itself.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pageUrl, IReadOnlyDictionary<string, string> fields, string? formSelector = null)
    {
        var pageUri = new Uri(client.BaseAddress!, pageUrl);
        IDocument page;
        using (var response = await client.GetAsync(pageUri))
        {
            page = await response.ReadDocumentAsync();
        }

        var selector = formSelector ?? "main form[method=post]";
        var form = page.QuerySelector(selector) ?? throw new XunitException($"{pageUrl} has no form matching {selector}.");
        var values = new List<KeyValuePair<string?, string?>>();
        foreach (var input in form.QuerySelectorAll("input[name]"))
        {
            var type = input.GetAttribute("type") ?? "text";
            var isHidden = string.Equals(type, "hidden", StringComparison.OrdinalIgnoreCase);
            var isTicked = string.Equals(type, "checkbox", StringComparison.OrdinalIgnoreCase) && input.HasAttribute("checked");
            if (isHidden || isTicked)
            {
                values.Add(new(input.GetAttribute("name"), input.GetAttribute("value") ?? (isTicked ? "on" : "")));
            }
        }

        foreach (var (name, value) in fields)
        {
            values.RemoveAll(pair => pair.Key == name);
            values.Add(new(name, value));
        }

        var action = form.GetAttribute("action");
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(string.IsNullOrEmpty(action) ? pageUri : new Uri(pageUri, action), content);
    }

    /// <summary>The page a response carries, failing with what came back when the status is not the expected one.</summary>
    public static async Task<IDocument> ReadDocumentAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(
            response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} (Location: {response.Headers.Location}), expected {(int)expected}: {body[..Math.Min(body.Length, 500)]}");
        return Html.Parse(body);
    }

    /// <summary>Where a redirect leads on this site, as path and query ("/account/sign-in?returnUrl=%2Faccount").</summary>
    public static string RedirectTarget(this HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        Assert.True(status is >= 300 and < 400, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {status}, not a redirect.");
        var location = response.Headers.Location ?? throw new XunitException("A redirect without a Location header.");
        if (!location.IsAbsoluteUri)
        {
            return location.OriginalString;
        }

        Assert.Equal(HearthFactory.BaseAddress.Host, location.Host);
        return location.PathAndQuery;
    }

    /// <summary>The whole Set-Cookie header for the cookie whose name starts with <paramref name="namePrefix"/>.</summary>
    public static string SetCookie(this HttpResponseMessage response, string namePrefix)
    {
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        return cookies.Find(c => c.StartsWith(namePrefix, StringComparison.Ordinal))
            ?? throw new XunitException($"No cookie starting {namePrefix} among: {string.Join(" | ", cookies)}");
    }

    /// <summary>The message shown beside a field (<c>p.field-error</c> with id <c>{fieldId}-error</c>), or null.</summary>
    public static string? FieldError(this IDocument page, string fieldId) => page.QuerySelector($"#{fieldId}-error")?.Text();

    /// <summary>The page's one heading.</summary>
    public static string Heading(this IDocument page) => page.QuerySelector("main h1")?.Text() ?? throw new XunitException("The page has no h1 in main.");
}
