using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Hearth.Web.Data;
using Hearth.Web.Features.Groups;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Operations;

/// <summary>
/// What the directory search and a group page cost at the least: the same rows found with hand-written SQL on
/// EF's own connection, written as minimal HTML. Benchmarks report each page as a ratio to these.
/// </summary>
internal static class GroupBaselines
{
    private const double MilesPerDegreeLatitude = 69.0;

    public static async Task<IResult> DirectoryAsync(HearthDb db, Groups.Gazetteer.Gazetteer gazetteer, string? near, int? radius, string? topic, CancellationToken cancellationToken)
    {
        var places = gazetteer.Find(near ?? "").Places;
        if (places.Count != 1 || radius is < 1 or > 200)
        {
            return Results.BadRequest();
        }

        var place = places[0];
        var miles = radius ?? 10;
        var latitudeSpan = miles / MilesPerDegreeLatitude;
        var longitudeSpan = miles / (MilesPerDegreeLatitude * Math.Cos(place.Latitude * Math.PI / 180));
        var found = new List<(string Slug, string Name, string Summary, string? Town, double Miles)>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = """
                SELECT "Slug", "Name", "Summary", "Town", "Latitude", "Longitude" FROM "Groups"
                WHERE "IsListed" AND "Latitude" BETWEEN @south AND @north AND "Longitude" BETWEEN @west AND @east
                """;
            Add(command, "@south", place.Latitude - latitudeSpan);
            Add(command, "@north", place.Latitude + latitudeSpan);
            Add(command, "@west", place.Longitude - longitudeSpan);
            Add(command, "@east", place.Longitude + longitudeSpan);
            if (!string.IsNullOrEmpty(topic))
            {
                command.CommandText += """ AND "Topics" LIKE @topic""";
                Add(command, "@topic", Vocabulary.Needle(topic));
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var distance = place.MilesTo(reader.GetDouble(4), reader.GetDouble(5));
                if (distance <= miles)
                {
                    found.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), distance));
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        var html = new StringBuilder("<!DOCTYPE html><title>Groups</title>");
        html.Append(CultureInfo.InvariantCulture, $"<h2>{found.Count} groups</h2><ul>");
        foreach (var group in found.OrderBy(g => g.Miles).ThenBy(g => g.Name, StringComparer.Ordinal).Take(IndexModel.PageSize))
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><h3><a href=\"/groups/{Encode(group.Slug)}\">{Encode(group.Name)}</a></h3><p>{Encode(group.Summary)}</p><p>{Encode(group.Town)} · {group.Miles:0.0} miles away</p></li>");
        }

        return Results.Content(html.Append("</ul>").ToString(), "text/html; charset=utf-8");
    }

    public static async Task<IResult> GroupAsync(HearthDb db, string slug, CancellationToken cancellationToken)
    {
        var html = new StringBuilder("<!DOCTYPE html>");
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            int id;
            await using (var command = db.Database.GetDbConnection().CreateCommand())
            {
                command.CommandText = """
                    SELECT "Id", "Name", "Summary", "Town", "WhoItIsFor", "WhatToExpect", "WhatItIsNot", "VenueName",
                    "VenueAddress", "AddressForMembersOnly", "AccessNotes", "Languages", "Topics", "JoinPolicy"
                    FROM "Groups" WHERE "Slug" = @slug
                    """;
                Add(command, "@slug", slug.ToLowerInvariant());
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return Results.NotFound();
                }

                id = reader.GetInt32(0);
                string? Text(int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
                html.Append(CultureInfo.InvariantCulture, $"<title>{Encode(Text(1))}</title><h1>{Encode(Text(1))}</h1><p>{Encode(Text(2))}</p>");
                html.Append(CultureInfo.InvariantCulture, $"<p>{Encode(Text(11))} · {Encode(Text(12))} · {Encode(Text(13))}</p>");
                foreach (var column in new[] { 4, 5, 6, 7, 3, 10 })
                {
                    html.Append(CultureInfo.InvariantCulture, $"<p>{Encode(Text(column))}</p>");
                }

                html.Append(CultureInfo.InvariantCulture, $"<p>{(reader.GetBoolean(9) ? "The street address is shared with members." : Encode(Text(8)))}</p>");
            }

            await using (var command = db.Database.GetDbConnection().CreateCommand())
            {
                command.CommandText = """
                    SELECT u."DisplayName" FROM "GroupMembers" AS m JOIN "AspNetUsers" AS u ON u."Id" = m."UserId"
                    WHERE m."GroupId" = @id AND m."Role" = 'Organiser' ORDER BY u."DisplayName"
                    """;
                Add(command, "@id", id);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                html.Append("<p>Organisers:");
                while (await reader.ReadAsync(cancellationToken))
                {
                    html.Append(' ').Append(Encode(reader.GetString(0)));
                }

                html.Append("</p>");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");
}
