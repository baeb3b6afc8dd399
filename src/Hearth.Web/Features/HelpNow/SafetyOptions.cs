using System.Globalization;

namespace Hearth.Web.Features.HelpNow;

/// <summary>Text in each of Hearth's languages, keyed by culture name (<c>en-GB</c>, <c>cy-GB</c>); English when a language is missing.</summary>
public sealed class LocalisedText : Dictionary<string, string>
{
    public LocalisedText()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }

    public string For(CultureInfo culture) =>
        TryGetValue(culture.Name, out var text) && !string.IsNullOrWhiteSpace(text) ? text
        : TryGetValue("en-GB", out var english) ? english
        : Values.FirstOrDefault() ?? "";
}

/// <summary>A service a person can contact right now. Configured under <c>Hearth:Safety:Helplines</c>.</summary>
public sealed class Helpline
{
    public LocalisedText Name { get; set; } = [];

    public LocalisedText Description { get; set; } = [];

    /// <summary>As people read it aloud, e.g. "116 123"; the <c>tel:</c> link uses its digits.</summary>
    public string? Phone { get; set; }

    /// <summary>The short number to text, e.g. "85258".</summary>
    public string? TextNumber { get; set; }

    /// <summary>The word to text, e.g. "SHOUT".</summary>
    public string? TextMessage { get; set; }

    /// <summary>Shown first and set apart: danger to life right now.</summary>
    public bool IsEmergency { get; set; }

    public string? PhoneLink => Phone is null ? null : "tel:" + new string([.. Phone.Where(c => char.IsDigit(c) || c == '+')]);

    public string? TextLink => TextNumber is null ? null
        : $"sms:{TextNumber}" + (TextMessage is null ? "" : "?body=" + Uri.EscapeDataString(TextMessage));
}

public sealed class SafetyOptions
{
    /// <summary>Where "Exit this page" goes: a neutral site that gives nothing away.</summary>
    public string ExitUrl { get; set; } = "https://www.bbc.co.uk/weather";

    public List<Helpline> Helplines { get; set; } = [];
}

public sealed class NetworkOptions
{
    /// <summary>The charity, forum or community that runs this Hearth.</summary>
    public LocalisedText Name { get; set; } = [];
}

public static class HelpNowExtensions
{
    public static WebApplicationBuilder AddHelpNow(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<SafetyOptions>(builder.Configuration.GetSection("Hearth:Safety"));
        builder.Services.Configure<NetworkOptions>(builder.Configuration.GetSection("Hearth:Network"));
        return builder;
    }
}
