namespace Hearth.Tests.Features.Groups;

public sealed class DirectoryTests(HearthFactory factory) : IClassFixture<HearthFactory>
{
    [Fact]
    public async Task Directory_lists_the_demo_groups_in_real_towns_and_online()
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/groups");
        var names = page.QuerySelectorAll(".group-list h3").Select(h => h.Text()).ToList();
        var text = page.MainText();

        Assert.Contains("Prestatyn Withdrawal Support", names);
        Assert.Contains("Chard Thursday Meet-up", names);
        Assert.Contains("Carers Connect", names);
        foreach (var town in new[] { "Prestatyn", "Rhyl", "Chard", "Taunton", "Cardiff", "Online" })
        {
            Assert.Contains(town, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Unlisted_groups_never_appear_in_the_directory()
    {
        var client = factory.CreateBrowserLikeClient();

        Assert.DoesNotContain("Taunton DBT Skills Circle", (await client.GetDocumentAsync("/groups")).MainText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Taunton DBT Skills Circle", (await client.GetDocumentAsync("/groups?culture=cy-GB")).MainText(), StringComparison.Ordinal);
    }
}

public sealed class EmptyDirectoryTests(EmptyDirectoryTests.EmptyFactory factory) : IClassFixture<EmptyDirectoryTests.EmptyFactory>
{
    public sealed class EmptyFactory : HearthFactory
    {
        protected override bool SeedDemo => false;
    }

    [Fact]
    public async Task An_empty_network_says_there_are_no_groups_yet()
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/groups");

        Assert.Contains("There are no groups listed yet.", page.MainText(), StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll(".group-list"));
    }
}
