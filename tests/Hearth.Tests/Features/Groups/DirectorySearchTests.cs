using System.Globalization;
using System.Net;
using Hearth.Web.Features.Groups;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Tests.Features.Groups;

/// <summary>The directory's search: by place and distance, online, format, who runs it, words; bad input answered beside the field.</summary>
public sealed class DirectorySearchTests(HearthFactory factory) : IClassFixture<HearthFactory>
{
    private async Task<List<string>> NamesAsync(string query) =>
        [.. (await factory.CreateBrowserLikeClient().GetDocumentAsync($"/groups?{query}")).QuerySelectorAll(".group-list h3").Select(h => h.Text())];

    [Fact]
    public async Task Near_a_town_lists_groups_within_the_radius_nearest_first_with_the_distance()
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/groups?near=Rhyl");
        var names = page.QuerySelectorAll(".group-list h3").Select(h => h.Text()).ToList();

        Assert.Equal(["Rhyl Hearing Voices Group", "Prestatyn Withdrawal Support"], names);
        Assert.Equal("2 groups within 10 miles of Rhyl, Denbighshire", page.QuerySelector("#results")!.Text());
        Assert.Contains("3.9 miles away", page.QuerySelectorAll(".group-list li")[1].Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wider_radius_reaches_further()
    {
        Assert.Equal(["Chard Thursday Meet-up"], await NamesAsync("near=Chard&radius=5"));
        Assert.Equal(["Chard Thursday Meet-up", "Taunton Men's Peer Support"], await NamesAsync("near=Chard&radius=20"));
    }

    [Fact]
    public async Task Online_lists_online_and_hybrid_groups_only()
    {
        var names = await NamesAsync("online=true");

        Assert.Equal(["Carers Connect", "Taunton Men's Peer Support", "Young People's Evening Chat"], names.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Format_who_runs_it_and_words_narrow_the_list()
    {
        Assert.Equal(["Taunton Men's Peer Support"], await NamesAsync("format=hybrid"));
        Assert.Equal(["Carers Connect", "Chard Thursday Meet-up"], (await NamesAsync("run_by=network")).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(["Prestatyn Withdrawal Support"], await NamesAsync("q=WITHDRAWAL"));
    }

    [Theory]
    [InlineData("near=Taunton&radius=50")]
    [InlineData("q=DBT")]
    [InlineData("")]
    public async Task Unlisted_groups_never_appear_in_any_search(string query) =>
        Assert.DoesNotContain("Taunton DBT Skills Circle", await NamesAsync(query));

    [Fact]
    public async Task An_ambiguous_town_asks_which_one_keeping_the_other_choices()
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/groups?near=Newport&radius=25&format=in-person");

        Assert.Equal("There are 6 places called Newport. Choose one", page.QuerySelector("#near-error")!.Text());
        var choice = page.QuerySelector("[data-place-choices] a")!.GetAttribute("href")!;
        Assert.Contains("radius=25", choice, StringComparison.Ordinal);
        Assert.Contains("format=in-person", choice, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll(".group-list"));
    }

    [Fact]
    public async Task An_unknown_town_says_so_suggests_spellings_and_keeps_what_was_typed()
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/groups?near=Prestatin");

        Assert.Equal("We could not find a place called Prestatin. Check the spelling, or try a nearby town", page.QuerySelector("#near-error")!.Text());
        Assert.Equal("Prestatin", page.QuerySelector("#near")!.GetAttribute("value"));
        Assert.Equal("Prestatyn", page.QuerySelector("[data-place-suggestion]")!.Text());
        Assert.NotNull(page.QuerySelector("[data-error-summary] a[href='#near']"));
        Assert.StartsWith("Error:", page.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("radius=0", "radius", "Enter a distance from 1 to 200 miles")]
    [InlineData("radius=201", "radius", "Enter a distance from 1 to 200 miles")]
    [InlineData("radius=ten", "radius", "Enter a distance from 1 to 200 miles")]
    [InlineData("format=teleport", "format", "Choose in person, online, or in person and online")]
    [InlineData("run_by=aliens", "run_by", "Choose who runs the group from the list")]
    public async Task Bad_search_input_is_answered_beside_the_field(string query, string field, string message)
    {
        using var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri($"/groups?{query}", UriKind.Relative));
        var page = Html.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, page.QuerySelector($"#{field}-error")!.Text());
        Assert.Empty(page.QuerySelectorAll(".group-list"));
    }

    [Fact]
    public async Task A_page_past_the_end_says_so_and_links_to_the_first()
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/groups?page=9");

        Assert.Contains("There is only 1 page of results.", page.MainText(), StringComparison.Ordinal);
        Assert.Equal("/groups", page.QuerySelector("main a[href='/groups']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_search_speaks_welsh()
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/groups?near=Rhyl&culture=cy-GB");

        Assert.Equal("Tref neu bentref", page.QuerySelector("label[for='near']")!.Text());
        Assert.Contains("o fewn 10 milltir i Rhyl", page.QuerySelector("#results")!.Text(), StringComparison.Ordinal);
    }
}

public sealed class DirectoryFilterTests(HearthFactory factory) : IClassFixture<HearthFactory>
{
    private async Task<List<string>> NamesAsync(string query) =>
        [.. (await factory.CreateBrowserLikeClient().GetDocumentAsync($"/groups?{query}")).QuerySelectorAll(".group-list h3").Select(h => h.Text()).Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("topic=antidepressant-withdrawal", "Prestatyn Withdrawal Support")]
    [InlineData("topic=grief", "Cardiff Grief Circle / Cylch Galar Caerdydd")]
    [InlineData("audience=men", "Taunton Men's Peer Support")]
    [InlineData("audience=young-people", "Young People's Evening Chat")]
    [InlineData("lang=cy", "Cardiff Grief Circle / Cylch Galar Caerdydd")]
    [InlineData("access=bsl", "Cardiff Grief Circle / Cylch Galar Caerdydd")]
    [InlineData("topic=hearing-voices&join=closed", "Rhyl Hearing Voices Group")]
    public async Task Each_filter_finds_the_groups_described_that_way(string query, string expected) =>
        Assert.Equal([expected], await NamesAsync(query));

    [Fact]
    public async Task Filters_combine_with_place_and_distance()
    {
        Assert.Equal(["Prestatyn Withdrawal Support"], await NamesAsync("near=Rhyl&access=hearing-loop"));
        Assert.Empty(await NamesAsync("near=Rhyl&topic=grief"));
        Assert.Equal(["Cardiff Grief Circle / Cylch Galar Caerdydd", "Chard Thursday Meet-up", "Prestatyn Withdrawal Support"], await NamesAsync("join=open&access=step-free&format=in-person&near=Chard&radius=200"));
        Assert.Equal(["Chard Thursday Meet-up"], await NamesAsync("join=open&access=step-free&format=in-person&near=Chard&radius=30"));
    }

    [Fact]
    public async Task A_result_shows_the_facts_a_person_decides_on()
    {
        var card = (await factory.CreateBrowserLikeClient().GetDocumentAsync("/groups?topic=hearing-voices")).QuerySelector(".group-list li")!.Text();

        Assert.Contains("Hearing voices", card, StringComparison.Ordinal);
        Assert.Contains("Everyone", card, StringComparison.Ordinal);
        Assert.Contains("Ask to join", card, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("topic", "astrology")]
    [InlineData("audience", "robots")]
    [InlineData("access", "lift")]
    [InlineData("lang", "fr")]
    [InlineData("join", "sometimes")]
    public async Task An_unknown_filter_value_is_answered_beside_its_field(string field, string value)
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync($"/groups?{field}={value}");

        Assert.Equal("Choose one from the list", page.QuerySelector($"#{field}-error")!.Text());
        Assert.Empty(page.QuerySelectorAll(".group-list"));
    }
}

/// <summary>A directory of hundreds of pages links a handful of them, so the page stays light.</summary>
public sealed class DirectoryPagingTests(HearthFactory factory) : IClassFixture<HearthFactory>
{
    [Fact]
    public async Task Many_pages_of_results_link_the_first_the_last_and_two_either_side_of_this_one()
    {
        _ = factory.Server;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<GroupGenerator>().GenerateAsync(400, replace: false, CancellationToken.None);
        }

        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/groups?page=8");
        var all = await factory.CreateBrowserLikeClient().GetDocumentAsync("/groups");

        var links = page.QuerySelectorAll("nav.pagination a").Select(a => a.Text()).ToList();
        var last = all.QuerySelectorAll("nav.pagination a").Select(a => a.Text()).Last();
        Assert.True(int.Parse(last, CultureInfo.InvariantCulture) >= 18, $"Only {last} pages.");
        Assert.Equal(["1", "6", "7", "8", "9", "10", last], links);
        Assert.Equal("8", page.QuerySelector("nav.pagination a[aria-current='page']")!.Text());
        Assert.Equal(2, page.QuerySelectorAll("nav.pagination li[aria-hidden='true']").Length);
        Assert.Equal(["1", "2", "3", last], all.QuerySelectorAll("nav.pagination a").Select(a => a.Text()).ToList());
    }
}
