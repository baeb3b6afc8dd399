using Hearth.Web.Features.Groups.Gazetteer;

namespace Hearth.Tests.Features.Groups.Gazetteer;

public sealed class GazetteerTests
{
    private static readonly Hearth.Web.Features.Groups.Gazetteer.Gazetteer Places = Hearth.Web.Features.Groups.Gazetteer.Gazetteer.LoadEmbedded();

    [Theory]
    [InlineData("Prestatyn", "Prestatyn, Denbighshire")]
    [InlineData("  rhyl ", "Rhyl, Denbighshire")]
    [InlineData("CHARD", "Chard, Somerset")]
    [InlineData("Newport, Pembrokeshire", "Newport, Pembrokeshire")]
    [InlineData("newport,newport", "Newport, Newport")]
    public void A_place_is_found_whatever_the_case_and_spacing(string typed, string label) =>
        Assert.Equal(label, Assert.Single(Places.Find(typed).Places).Label);

    [Fact]
    public void The_gazetteer_holds_every_uk_place_from_the_data_file()
    {
        Assert.True(Places.Count > 4000, $"Only {Places.Count} places.");
        var cardiff = Assert.Single(Places.Find("Cardiff").Places);
        Assert.Equal(("Wales", 51.48, -3.18), (cardiff.Nation, Math.Round(cardiff.Latitude, 2), Math.Round(cardiff.Longitude, 2)));
    }

    [Fact]
    public void An_ambiguous_name_offers_each_place_with_its_county()
    {
        var newport = Places.Find("Newport").Places.Select(p => p.Label).ToList();

        Assert.Equal(6, newport.Count);
        Assert.Contains("Newport, Pembrokeshire", newport);
        Assert.Contains("Newport, Isle of Wight", newport);
        Assert.Equal(newport.Count, newport.Distinct().Count());
        Assert.All(newport, label => Assert.Single(Places.Find(label).Places));
    }

    [Theory]
    [InlineData("Prestatin", "Prestatyn")]
    [InlineData("Tauntn", "Taunton")]
    public void A_misspelt_name_suggests_close_spellings(string typed, string expected)
    {
        var match = Places.Find(typed);

        Assert.Empty(match.Places);
        Assert.Contains(expected, match.Suggestions);
    }

    [Fact]
    public void An_unknown_name_finds_nothing_and_suggests_nothing_far_away() =>
        Assert.Equal((0, 0), (Places.Find("Atlantis").Places.Count, Places.Find("Atlantis").Suggestions.Count));

    [Fact]
    public void Distances_are_in_miles()
    {
        var rhyl = Assert.Single(Places.Find("Rhyl").Places);
        var prestatyn = Assert.Single(Places.Find("Prestatyn").Places);

        Assert.InRange(rhyl.MilesTo(prestatyn.Latitude, prestatyn.Longitude), 3.5, 4.5);
    }
}
