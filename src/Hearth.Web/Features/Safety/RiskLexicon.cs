using System.Globalization;
using Hearth.Web.Data;

namespace Hearth.Web.Features.Safety;

/// <summary>What a lexicon phrase tells the risk check; the <c>[section]</c> it is listed under. See docs/safety.md.</summary>
public enum LexiconSection
{
    /// <summary>Immediate risk to the writer on its own: "kill myself", "taken an overdose".</summary>
    Urgent,

    /// <summary>Lower concern on its own (thoughts, wishes, self-harm); urgent with a plan, a time, a means or a goodbye.</summary>
    Concern,

    /// <summary>A way to end a life that is not a medicine: rope, blade, bridge, train tracks.</summary>
    Means,

    /// <summary>Medicines and pills: everyday words in a withdrawal group, urgent only with an intent ("took all my").</summary>
    Medication,

    /// <summary>A plan or a resolve: "picked a date", "take them all", "going to use it".</summary>
    Intent,

    /// <summary>When: "tonight", "this weekend", "heno".</summary>
    Timing,

    /// <summary>Last words: "love you all", "sorry everyone", "hwyl fawr bawb". Nothing alone.</summary>
    Goodbye,

    /// <summary>Words aimed at someone else ("kys"): not the writer's risk, but urgent with the writer's intent or a time.</summary>
    Abuse,

    /// <summary>Cancels any phrase it overlaps: "dying to", "killing it", "marw o chwerthin".</summary>
    FigureOfSpeech,

    /// <summary>Cancels a phrase starting within three words after it in the same clause: "not", "never", "ddim".</summary>
    Negation,

    /// <summary>Phrases containing a negation word that are not negations: "not gonna lie", "can't stop", "dim jôc".</summary>
    NotNegation,

    /// <summary>Questions and conditions before a phrase in the same clause: "asked if", "if you ever".</summary>
    Hypothetical,

    /// <summary>The writer as subject: "i", "myself", "dwi", "fy hun".</summary>
    Self,

    /// <summary>Someone else as subject, or their words reported: "my friend", "she", "herself", "bod hi".</summary>
    ThirdParty,

    /// <summary>Makes phrases in the same sentence past: "years ago", "used to", "as a teenager", "flynyddoedd yn ôl".</summary>
    Past,

    /// <summary>Keeps a phrase in its clause present despite a past or recovery marker: "again", "still", "eto".</summary>
    Present,

    /// <summary>Makes the phrases before it past, in its sentence and the ones before: "now i'm doing well", "bellach".</summary>
    Recovery,

    /// <summary>Steps the writer has taken to stay safe, which keep a combination at concern: "put the blades away".</summary>
    Protective,

    /// <summary>Words that start a new clause: "but", "ond".</summary>
    Clause,
}

/// <summary>A phrase as listed in a lexicon file, with where it was found (for error messages and docs).</summary>
public sealed class LexiconPhrase
{
    internal LexiconPhrase(LexiconSection section, string text, string source, IReadOnlyList<PatternSlot> slots)
    {
        Section = section;
        Text = text;
        Source = source;
        Slots = slots;
    }

    public LexiconSection Section { get; }

    public string Text { get; }

    /// <summary>"en.txt:42".</summary>
    public string Source { get; }

    internal IReadOnlyList<PatternSlot> Slots { get; }
}

/// <summary>
/// The word lists of the risk check: <c>en.txt</c> and <c>cy.txt</c> built into Hearth, plus every <c>*.txt</c> file in
/// the folder a network names in <c>Hearth:Safety:LexiconPath</c>. The line format is described at the top of en.txt
/// and in docs/safety.md.
/// </summary>
public sealed class RiskLexicon
{
    private static readonly Dictionary<string, LexiconSection> Sections = new(StringComparer.Ordinal)
    {
        ["urgent"] = LexiconSection.Urgent,
        ["concern"] = LexiconSection.Concern,
        ["means"] = LexiconSection.Means,
        ["medication"] = LexiconSection.Medication,
        ["intent"] = LexiconSection.Intent,
        ["timing"] = LexiconSection.Timing,
        ["goodbye"] = LexiconSection.Goodbye,
        ["abuse"] = LexiconSection.Abuse,
        ["figure-of-speech"] = LexiconSection.FigureOfSpeech,
        ["negation"] = LexiconSection.Negation,
        ["not-negation"] = LexiconSection.NotNegation,
        ["hypothetical"] = LexiconSection.Hypothetical,
        ["self"] = LexiconSection.Self,
        ["third-party"] = LexiconSection.ThirdParty,
        ["past"] = LexiconSection.Past,
        ["present"] = LexiconSection.Present,
        ["recovery"] = LexiconSection.Recovery,
        ["protective"] = LexiconSection.Protective,
        ["clause"] = LexiconSection.Clause,
    };

    private static readonly (string Resource, string Name)[] EmbeddedFiles =
    [
        ("Hearth.Safety.Lexicon.en", "en.txt"),
        ("Hearth.Safety.Lexicon.cy", "cy.txt"),
    ];

    private RiskLexicon(IReadOnlyList<LexiconPhrase> phrases, IReadOnlyList<string> files)
    {
        Phrases = phrases;
        Files = files;
    }

    public IReadOnlyList<LexiconPhrase> Phrases { get; }

    /// <summary>The files read, in order: the built-in ones, then the network's.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The built-in lists only.</summary>
    public static RiskLexicon Embedded() => Load(directory: null);

    /// <summary>
    /// The built-in lists plus every <c>*.txt</c> file in <paramref name="directory"/> (in name order), when given.
    /// A folder that does not exist, or a line that cannot be read, is a <see cref="HearthStartupException"/>.
    /// </summary>
    public static RiskLexicon Load(string? directory)
    {
        var files = new List<(string Name, string Content)>();
        foreach (var (resource, name) in EmbeddedFiles)
        {
            using var stream = typeof(RiskLexicon).Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"The built-in lexicon {name} is missing from Hearth.Web.");
            using var reader = new StreamReader(stream);
            files.Add((name, reader.ReadToEnd()));
        }

        if (!string.IsNullOrWhiteSpace(directory))
        {
            var full = Path.GetFullPath(directory);
            if (!Directory.Exists(full))
            {
                throw new HearthStartupException($"Hearth:Safety:LexiconPath is \"{directory}\", but there is no folder at {full}; create it with the network's *.txt word lists, or remove the setting to use the built-in lists only.");
            }

            foreach (var file in Directory.GetFiles(full, "*.txt").Order(StringComparer.Ordinal))
            {
                files.Add((file, File.ReadAllText(file)));
            }
        }

        return Parse(files);
    }

    /// <summary>Reads lexicon files given as (name, content), in order.</summary>
    public static RiskLexicon Parse(IEnumerable<(string Name, string Content)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var phrases = new List<LexiconPhrase>();
        var names = new List<string>();
        foreach (var (name, content) in files)
        {
            names.Add(name);
            LexiconSection? section = null;
            var number = 0;
            foreach (var raw in content.AsSpan().EnumerateLines())
            {
                number++;
                var line = raw.Trim();
                var comment = line.IndexOf(" #", StringComparison.Ordinal);
                if (comment >= 0)
                {
                    line = line[..comment].TrimEnd();
                }

                if (line.IsEmpty || line[0] == '#')
                {
                    continue;
                }

                var source = string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(name)}:{number}");
                if (line[0] == '[')
                {
                    var heading = line.Trim("[]").ToString();
                    if (line[^1] != ']' || !Sections.TryGetValue(heading, out var found))
                    {
                        throw new HearthStartupException($"Risk lexicon {source}: \"{line}\" is not a section; use one of {string.Join(", ", Sections.Keys.Select(k => $"[{k}]"))}.");
                    }

                    section = found;
                    continue;
                }

                if (section is null)
                {
                    throw new HearthStartupException($"Risk lexicon {source}: \"{line}\" comes before any [section] heading.");
                }

                var text = line.ToString();
                phrases.Add(new LexiconPhrase(section.Value, text, source, Slots(text, source)));
            }
        }

        return new RiskLexicon(phrases, names);
    }

    /// <summary>
    /// A phrase line as slots, one per word: <c>a|b</c> alternatives (<c>i've|i+have</c>: + joins words within one
    /// alternative) and <c>word?</c> optional words stay inside their slot; <c>kill*</c>, <c>~suicidal</c>,
    /// <c>&lt;number&gt;</c>, <c>&lt;many&gt;</c> and <c>&lt;year&gt;</c> are word patterns; <c>_</c> and <c>..</c> are wildcard slots.
    /// </summary>
    private static List<PatternSlot> Slots(string text, string source)
    {
        var slots = new List<PatternSlot>();
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var word = part;
            var optional = word.Length > 1 && word.EndsWith('?');
            if (optional)
            {
                word = word[..^1];
            }

            switch (word)
            {
                case "_":
                    slots.Add(new PatternSlot(SlotKind.Any, optional, []));
                    continue;
                case "..":
                    slots.Add(new PatternSlot(SlotKind.Gap, optional, []));
                    continue;
            }

            slots.Add(new PatternSlot(SlotKind.Words, optional, [.. word.Split('|').Select(a => Alternative(a, text, source))]));
        }

        // A match must begin and end on a word, whichever optional words are left out.
        if (slots.All(s => s.Optional) || !Ends(slots) || !Ends(Enumerable.Reverse(slots)))
        {
            throw new HearthStartupException($"Risk lexicon {source}: \"{text}\" must start and end with a word, not _ or .. (and not only optional words).");
        }

        return slots;

        static bool Ends(IEnumerable<PatternSlot> slots)
        {
            foreach (var slot in slots)
            {
                if (slot.Kind != SlotKind.Words)
                {
                    return false;
                }

                if (!slot.Optional)
                {
                    return true;
                }
            }

            return true;
        }
    }

    private static PatternWord[] Alternative(string alternative, string text, string source)
    {
        switch (alternative)
        {
            case "<number>":
                return [new PatternWord(PatternKind.Number, "")];
            case "<many>":
                return [new PatternWord(PatternKind.Many, "")];
            case "<year>":
                return [new PatternWord(PatternKind.Year, "")];
        }

        var fuzzy = alternative.StartsWith('~');
        var prefix = alternative.EndsWith('*');
        var keys = RiskText.KeysOf(alternative.Trim('~', '*').Replace('+', ' '));
        if (keys.Count == 0 || alternative.Contains('_', StringComparison.Ordinal) || alternative.Contains('<', StringComparison.Ordinal))
        {
            throw new HearthStartupException($"Risk lexicon {source}: \"{alternative}\" in \"{text}\" has no word in it.");
        }

        if (fuzzy && (keys.Count != 1 || keys[0].Length < 5 || prefix))
        {
            throw new HearthStartupException($"Risk lexicon {source}: \"{alternative}\" in \"{text}\": ~ is for one word of at least 5 different letters in a row, without *.");
        }

        var words = keys.Select(k => new PatternWord(fuzzy ? PatternKind.Fuzzy : PatternKind.Word, k)).ToArray();
        if (prefix)
        {
            words[^1] = words[^1] with { Kind = PatternKind.Prefix };
        }

        return words;
    }
}
