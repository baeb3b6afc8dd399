using System.Globalization;
using Hearth.Web.Data;

namespace Hearth.Web.Features.Safety;

/// <summary>What a lexicon phrase tells the risk check; the <c>[section]</c> it is listed under. See docs/safety.md.</summary>
public enum LexiconSection
{
    /// <summary>Immediate risk to the writer on its own: "kill myself", "taken an overdose".</summary>
    Urgent,

    /// <summary>Lower concern on its own (thoughts, wishes); urgent with a plan, a time, a means or a goodbye.</summary>
    Concern,

    /// <summary>Self-harm that has happened, and urges: a concern that no time or plan beside it makes urgent ("cut again last night").</summary>
    SelfHarm,

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

    /// <summary>Words placing a post in the writer's own crisis ("crisis team", "samaritans", "assessment"): urgent with an intent.</summary>
    Context,

    /// <summary>"lol", "😂", "🙄": a risk phrase in the same sentence is a joke unless a time, a means, a plan or a goodbye is there too.</summary>
    Joke,

    /// <summary>Cancels a phrase ending within three words before it in the same clause: "is never an option", "byth yn opsiwn".</summary>
    NegatedAfter,

    /// <summary>Phrases holding a subject word that is no subject: the Welsh "i" of "i gyd" (all) and "mynd i" (going to).</summary>
    NotSelf,

    /// <summary>Someone else as the one acted on: "herself", "his own life", "ei hun". Inside a risk phrase it makes it theirs.</summary>
    ThirdPartySelf,
}

/// <summary>
/// A phrase as listed in a lexicon file, with where it was found (for error messages and docs): under a
/// <c>[section]</c>, or as a line of a named list (<c>[@act]</c>), which phrases use as <c>@act</c>.
/// </summary>
public sealed class LexiconPhrase
{
    internal LexiconPhrase(LexiconSection section, string text, string source, IReadOnlyList<PatternSlot> slots)
    {
        Section = section;
        Text = text;
        Source = source;
        Slots = slots;
    }

    /// <summary>The section of a phrase; for a line of a named list, see <see cref="List"/> instead.</summary>
    public LexiconSection Section { get; }

    /// <summary>The named list this line belongs to ("act" for a line under <c>[@act]</c>), or null for a section's phrase.</summary>
    public string? List { get; private init; }

    public string Text { get; }

    /// <summary>"en.txt:42".</summary>
    public string Source { get; }

    internal IReadOnlyList<PatternSlot> Slots { get; }

    internal static LexiconPhrase ListLine(string list, string text, string source, IReadOnlyList<PatternSlot> slots) =>
        new(default, text, source, slots) { List = list };
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
        ["self-harm"] = LexiconSection.SelfHarm,
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
        ["context"] = LexiconSection.Context,
        ["joke"] = LexiconSection.Joke,
        ["negated-after"] = LexiconSection.NegatedAfter,
        ["not-self"] = LexiconSection.NotSelf,
        ["third-party-self"] = LexiconSection.ThirdPartySelf,
    };

    private static readonly (string Resource, string Name)[] EmbeddedFiles =
    [
        ("Hearth.Safety.Lexicon.en", "en.txt"),
        ("Hearth.Safety.Lexicon.cy", "cy.txt"),
    ];

    private RiskLexicon(IReadOnlyList<LexiconPhrase> phrases, IReadOnlyDictionary<string, IReadOnlyList<LexiconPhrase>> lists, IReadOnlyList<string> files)
    {
        Phrases = phrases;
        Lists = lists;
        Files = files;
    }

    /// <summary>The phrases under <c>[section]</c> headings, in file order.</summary>
    public IReadOnlyList<LexiconPhrase> Phrases { get; }

    /// <summary>
    /// The named lists: each a family of sub-phrases (<c>[@act]</c>: "kill myself", "end my life"...) that a phrase names
    /// as one word (<c>@will @act</c>), matching any of them. Lines under the same name in several files add up.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<LexiconPhrase>> Lists { get; }

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
        var lists = new Dictionary<string, List<LexiconPhrase>>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var (name, content) in files)
        {
            names.Add(name);
            LexiconSection? section = null;
            string? list = null;
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
                    if (line[^1] == ']' && heading.StartsWith('@') && IsListName(heading.AsSpan(1)))
                    {
                        (section, list) = (null, heading[1..]);
                        continue;
                    }

                    if (line[^1] != ']' || !Sections.TryGetValue(heading, out var found))
                    {
                        throw new HearthStartupException($"Risk lexicon {source}: \"{line}\" is not a section; use one of {string.Join(", ", Sections.Keys.Select(k => $"[{k}]"))}, or [@name] for a named list.");
                    }

                    (section, list) = (found, null);
                    continue;
                }

                if (section is null && list is null)
                {
                    throw new HearthStartupException($"Risk lexicon {source}: \"{line}\" comes before any [section] heading.");
                }

                var text = line.ToString();
                if (list is not null)
                {
                    if (!lists.TryGetValue(list, out var lines))
                    {
                        lists[list] = lines = [];
                    }

                    lines.Add(LexiconPhrase.ListLine(list, text, source, Slots(text, source)));
                }
                else
                {
                    phrases.Add(new LexiconPhrase(section!.Value, text, source, Slots(text, source)));
                }
            }
        }

        var named = lists.ToDictionary(l => l.Key, l => (IReadOnlyList<LexiconPhrase>)l.Value, StringComparer.Ordinal);
        CheckListUse(phrases.Concat(lists.Values.SelectMany(l => l)), named);
        return new RiskLexicon(phrases, named, names);
    }

    private static bool IsListName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
            {
                return false;
            }
        }

        return !name.IsEmpty;
    }

    /// <summary>Every <c>@name</c> used names a list, and no list contains itself, however indirectly.</summary>
    private static void CheckListUse(IEnumerable<LexiconPhrase> phrases, Dictionary<string, IReadOnlyList<LexiconPhrase>> lists)
    {
        foreach (var phrase in phrases)
        {
            foreach (var name in phrase.Slots.SelectMany(s => s.Lists ?? []))
            {
                if (!lists.ContainsKey(name))
                {
                    throw new HearthStartupException($"Risk lexicon {phrase.Source}: \"@{name}\" in \"{phrase.Text}\" is not a list; list its phrases under a [@{name}] heading.");
                }
            }
        }

        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in lists.Keys)
        {
            Visit(name, []);
        }

        void Visit(string name, List<string> path)
        {
            if (done.Contains(name))
            {
                return;
            }

            if (path.Contains(name))
            {
                var first = lists[name][0];
                throw new HearthStartupException($"Risk lexicon {first.Source}: the list @{name} contains itself (@{string.Join(" → @", path.SkipWhile(n => n != name))} → @{name}).");
            }

            path.Add(name);
            foreach (var inner in lists[name].SelectMany(l => l.Slots).SelectMany(s => s.Lists ?? []))
            {
                Visit(inner, path);
            }

            path.RemoveAt(path.Count - 1);
            done.Add(name);
        }
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
                case "$" when !optional:
                    slots.Add(new PatternSlot(SlotKind.End, optional, []));
                    continue;
            }

            var alternatives = word.Split('|');
            var lists = new List<string>();
            foreach (var alternative in alternatives.Where(a => a.StartsWith('@')))
            {
                if (!IsListName(alternative.AsSpan(1)))
                {
                    throw new HearthStartupException($"Risk lexicon {source}: \"{alternative}\" in \"{text}\" is not a list name (@ and then lower-case letters, digits and -).");
                }

                lists.Add(alternative[1..]);
            }

            slots.Add(new PatternSlot(
                SlotKind.Words,
                optional,
                [.. alternatives.Where(a => !a.StartsWith('@')).Select(a => Alternative(a, text, source))],
                lists.Count > 0 ? lists : null));
        }

        // A match must begin and end on a word, whichever optional words are left out; $ may only follow the last one.
        var last = slots.Count > 0 && slots[^1].Kind == SlotKind.End ? slots.Count - 1 : slots.Count;
        var words = slots.Take(last).ToList();
        if (words.All(s => s.Optional) || !Ends(words) || !Ends(Enumerable.Reverse(words)) || words.Any(s => s.Kind == SlotKind.End))
        {
            throw new HearthStartupException($"Risk lexicon {source}: \"{text}\" must start and end with a word, not _ or .. (and not only optional words); $ can only come last.");
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
