using System.Globalization;
using System.Text;

namespace Hearth.Web.Features.Groups.Gazetteer;

/// <summary>A UK town or village from GeoNames (CC BY 4.0), as in gb-places.tsv.</summary>
public sealed record Place(string Name, string County, string Nation, double Latitude, double Longitude)
{
    /// <summary>"Newport, Pembrokeshire": enough to tell places of the same name apart.</summary>
    public string Label => County.Length == 0 ? $"{Name}, {Nation}" : $"{Name}, {County}";

    public double MilesTo(double latitude, double longitude)
    {
        const double earthMiles = 3958.8;
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(latitude - Latitude);
        var dLon = Radians(longitude - Longitude);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Radians(Latitude)) * Math.Cos(Radians(latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return earthMiles * 2 * Math.Atan2(Math.Sqrt(a), Math.Sqrt(1 - a));
    }
}

/// <summary>What a place name matched: one place, several (choose), or none (with close spellings).</summary>
public sealed record PlaceMatch(IReadOnlyList<Place> Places, IReadOnlyList<string> Suggestions);

/// <summary>
/// Place search that works offline: every UK place of 1,000 people or more from GeoNames, in memory.
/// Matching ignores case, accents, hyphens and apostrophes; "Name, County" or "Name, Nation" picks one of
/// several places with the same name.
/// </summary>
public sealed class Gazetteer
{
    private readonly ILookup<string, Place> byName;
    private readonly string[] names;

    public Gazetteer(IEnumerable<Place> places)
    {
        var all = places.ToList();
        byName = all.ToLookup(p => Fold(p.Name), StringComparer.Ordinal);
        names = [.. all.Select(p => p.Name).Distinct(StringComparer.Ordinal)];
        Places = all;
    }

    public int Count => Places.Count;

    /// <summary>Every place, in file order (alphabetical by name).</summary>
    public IReadOnlyList<Place> Places { get; }

    public static Gazetteer LoadEmbedded()
    {
        using var stream = typeof(Gazetteer).Assembly.GetManifestResourceStream("Hearth.GbPlaces")!;
        using var reader = new StreamReader(stream);
        var places = new List<Place>(5000);
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var cells = line.Split('\t');
            places.Add(new Place(cells[0], cells[1], cells[2], double.Parse(cells[3], CultureInfo.InvariantCulture), double.Parse(cells[4], CultureInfo.InvariantCulture)));
        }

        return new Gazetteer(places);
    }

    public PlaceMatch Find(string text)
    {
        var parts = text.Split(',', 2, StringSplitOptions.TrimEntries);
        var name = Fold(parts[0]);
        var candidates = byName[name];
        if (parts.Length == 2 && parts[1].Length > 0)
        {
            var qualifier = Fold(parts[1]);
            candidates = candidates.Where(p => Fold(p.County) == qualifier || Fold(p.Nation) == qualifier);
        }

        var found = candidates.OrderBy(p => p.Nation, StringComparer.Ordinal).ThenBy(p => p.County, StringComparer.Ordinal).ToList();
        return new PlaceMatch(found, found.Count > 0 ? [] : Suggest(name));
    }

    /// <summary>Up to five names within two edits of what was typed, or starting with it.</summary>
    private List<string> Suggest(string folded)
    {
        if (folded.Length < 3)
        {
            return [];
        }

        return [.. names
            .Select(n => (Name: n, Folded: Fold(n)))
            .Select(n => (n.Name, Distance: n.Folded.StartsWith(folded, StringComparison.Ordinal) ? 1 : Edits(folded, n.Folded, 2)))
            .Where(n => n.Distance <= 2)
            .OrderBy(n => n.Distance).ThenBy(n => n.Name, StringComparer.Ordinal)
            .Take(5)
            .Select(n => n.Name)];
    }

    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var folded = c is '-' or '\'' or '’' or '.' ? ' ' : char.ToLowerInvariant(c);
            if (folded != ' ' || (builder.Length > 0 && builder[^1] != ' '))
            {
                builder.Append(folded);
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>Levenshtein distance, giving up (returning limit + 1) once it must exceed <paramref name="limit"/>.</summary>
    private static int Edits(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var best = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                best = Math.Min(best, current[j]);
            }

            if (best > limit)
            {
                return limit + 1;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
