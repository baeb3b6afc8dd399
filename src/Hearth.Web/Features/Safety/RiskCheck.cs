using System.Runtime.CompilerServices;

namespace Hearth.Web.Features.Safety;

public enum RiskLevel
{
    None,
    Concern,
    Urgent,
}

/// <summary>The check's verdict and why, in short English: <c>urgent phrase "kill myself"</c>, <c>negated: "not suicidal"</c>, or "".</summary>
public readonly record struct RiskAssessment(RiskLevel Level, string Reason);

/// <summary>
/// The risk check every post, reply and coping tip passes before it is published: a plain rules engine over the
/// word lists of <see cref="RiskLexicon"/>, so that every verdict can be explained. It never blocks anything; an
/// urgent verdict brings the writer a supportive page and moderators a private priority flag (docs/safety.md).
/// Thread-safe: the lexicon is compiled once, and each thread reuses its own scratch space.
/// </summary>
public sealed class RiskCheck
{
    /// <summary>How many words may stand between a negation and the phrase it cancels: "not going to kill myself".</summary>
    private const int NegationReach = 3;

    /// <summary>
    /// Combinations count within two sentences either way, as plans are often told in fragments ("Set a date. Friday.
    /// Told work I'm on holiday."); a concern phrase's only within the same or the next ("I want to die. Tonight."), as a
    /// concern with a weak word further off ("... sorry") is usually only a concern.
    /// </summary>
    private const int SentenceReach = 2;

    private const int ConcernSentenceReach = 1;

    [ThreadStatic]
    private static RiskText? scratch;

    private readonly WordIndex words = new();
    private readonly PhraseIndex phrases = new();
    private readonly LexiconSection[] sections;

    /// <summary>Per entry: the group within which a longer match hides a shorter one (<see cref="GroupOf"/>), worked out once.</summary>
    private readonly int[] groups;

    public RiskCheck(RiskLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        sections = new LexiconSection[lexicon.Phrases.Count];
        groups = new int[lexicon.Phrases.Count];
        for (var entry = 0; entry < lexicon.Phrases.Count; entry++)
        {
            var phrase = lexicon.Phrases[entry];
            sections[entry] = phrase.Section;
            groups[entry] = GroupOf(phrase.Section);
            phrases.Add(phrase, entry, words, lexicon.Lists);
        }

        words.Freeze();
        phrases.Freeze(words);
    }

    private enum State
    {
        Active,
        Shadowed,
        FigureOfSpeech,
        Negated,
        Hypothetical,
        Past,

        /// <summary>Inside quote marks: one word quoted ("what does 'unalive' mean"), or words quoted from no one named.</summary>
        Quoted,
        Joke,

        /// <summary>A means, time or plan inside a risk phrase that stands: part of that phrase, not combined again.</summary>
        Contained,
    }

    private enum Family
    {
        Risk,
        Figure,
        Cue,
    }

    /// <summary>The built-in English and Welsh lists only.</summary>
    public static RiskCheck LoadDefault() => new(RiskLexicon.Embedded());

    /// <summary>The built-in lists plus a network's folder of <c>*.txt</c> lists, as the app loads them from <c>Hearth:Safety:LexiconPath</c>.</summary>
    public static RiskCheck Load(string? lexiconDirectory) => new(RiskLexicon.Load(lexiconDirectory));

    // The hot paths are compiled fully optimised at once, not after tiering: they are all of safety-check's work,
    // and a short run should not be spent in unoptimised code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RiskAssessment Assess(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = scratch ??= new RiskText();
        t.Read(text, words);
        phrases.Match(t);
        if (t.MatchCount == 0)
        {
            return new RiskAssessment(RiskLevel.None, "");
        }

        ReadContext(t);
        return Decide(t);
    }

    private static Family FamilyOf(LexiconSection section) => section switch
    {
        <= LexiconSection.Abuse => Family.Risk,
        LexiconSection.FigureOfSpeech => Family.Figure,
        _ => Family.Cue,
    };

    /// <summary>
    /// Which matches give way to a longer one over them: "kill myself" to "thinking about killing myself", "my" to
    /// "my friend", "not" to "not gonna lie"; a means or a medicine inside an intent stays, to be combined with it.
    /// </summary>
    private static int GroupOf(LexiconSection section) => section switch
    {
        LexiconSection.Urgent or LexiconSection.SelfHarm => (int)LexiconSection.Concern,
        LexiconSection.NotNegation => (int)LexiconSection.Negation,
        LexiconSection.ThirdParty or LexiconSection.NotSelf or LexiconSection.ThirdPartySelf => (int)LexiconSection.Self,
        _ => (int)section,
    };

    private static string KindOf(LexiconSection section) => section switch
    {
        LexiconSection.Urgent => "urgent phrase",
        LexiconSection.Concern => "concern phrase",
        LexiconSection.SelfHarm => "self-harm",
        LexiconSection.Means => "means",
        LexiconSection.Medication => "medication",
        LexiconSection.Intent => "intent",
        LexiconSection.Timing => "timing",
        LexiconSection.Goodbye => "goodbye",
        LexiconSection.Abuse => "abuse",
        LexiconSection.Context => "context",
        _ => section.ToString(),
    };

    /// <summary>Risk phrases that count on their own: urgent, concern and self-harm.</summary>
    private static bool IsPhrase(LexiconSection section) => section is LexiconSection.Urgent or LexiconSection.Concern or LexiconSection.SelfHarm;

    private static bool Overlap(in PhraseMatch a, in PhraseMatch b) => a.Start < b.End && b.Start < a.End;

    private LexiconSection SectionOf(in PhraseMatch match) => sections[match.Entry];

    /// <summary>
    /// Settles what each match means in its context: a shorter match inside a longer one of the same kind gives way
    /// (<see cref="GroupOf"/>); then each risk phrase is checked for a figure of speech over it, a negation or a
    /// question before it in its clause, and a past-time marker in its sentence or a recovery marker after it; and
    /// for those left, whose words they are.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadContext(RiskText t)
    {
        var matches = t.Matches;
        var states = t.States;
        for (var a = 0; a < t.MatchCount; a++)
        {
            states[a] = (int)State.Active;
            var group = groups[matches[a].Entry];
            var start = matches[a].Start;
            var end = matches[a].End;

            // Matches are found in the order of the word they start at, so only those before this one can hold it.
            for (var b = 0; b < t.MatchCount && matches[b].Start <= start; b++)
            {
                if (b != a && matches[b].End >= end && matches[b].End - matches[b].Start > end - start && groups[matches[b].Entry] == group)
                {
                    states[a] = (int)State.Shadowed;
                    break;
                }
            }
        }

        MarkClauses(t);
        for (var r = 0; r < t.MatchCount; r++)
        {
            if (states[r] == (int)State.Shadowed || FamilyOf(SectionOf(matches[r])) != Family.Risk)
            {
                continue;
            }

            states[r] = (int)StateOf(t, r);
        }

        // A means, a time or a plan inside a risk phrase is part of it ("thinking about jumping off the bridge"): it shares
        // the phrase's fate (negated, past, a joke...) and is not combined again on its own.
        for (var r = 0; r < t.MatchCount; r++)
        {
            if (states[r] == (int)State.Shadowed || !IsPhrase(SectionOf(matches[r])))
            {
                continue;
            }

            for (var c = 0; c < t.MatchCount; c++)
            {
                if (c != r && states[c] != (int)State.Shadowed && FamilyOf(SectionOf(matches[c])) == Family.Risk
                    && !IsPhrase(SectionOf(matches[c]))
                    && matches[r].Start <= matches[c].Start && matches[c].End <= matches[r].End)
                {
                    states[c] = states[r] == (int)State.Active ? (int)State.Contained : states[r];
                }
            }
        }

        for (var r = 0; r < t.MatchCount; r++)
        {
            t.ThirdParty[r] = states[r] == (int)State.Active && FamilyOf(SectionOf(matches[r])) == Family.Risk && IsThirdParty(t, r);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MarkClauses(RiskText t)
    {
        var clauses = t.Clauses;
        var segment = -1;
        for (var i = 0; i < t.Count; i++)
        {
            clauses[i] = (t.Tokens[i].Flags & TokenFlags.SegmentStart) != 0 ? 1 : 0;
            segment += clauses[i];
            t.Segments[i] = segment;
        }

        for (var m = 0; m < t.MatchCount; m++)
        {
            if (SectionOf(t.Matches[m]) == LexiconSection.Clause && t.States[m] == (int)State.Active)
            {
                clauses[t.Matches[m].Start] = 1;
            }
        }

        var clause = 0;
        for (var i = 0; i < t.Count; i++)
        {
            clause += clauses[i];
            clauses[i] = clause;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private State StateOf(RiskText t, int r)
    {
        ref readonly var risk = ref t.Matches[r];
        var clause = t.Clauses[risk.Start];
        var sentence = t.Tokens[risk.Start].Sentence;
        var past = false;
        var present = false;
        var joke = false;
        var serious = false;
        var end = risk.End;
        if (IsQuoted(t, r) && IsMention(t, r))
        {
            return State.Quoted;
        }

        for (var c = 0; c < t.MatchCount; c++)
        {
            ref readonly var cue = ref t.Matches[c];
            if (t.States[c] == (int)State.Shadowed || c == r)
            {
                continue;
            }

            var section = SectionOf(cue);
            if (t.Tokens[cue.Start].Sentence == sentence)
            {
                joke |= section == LexiconSection.Joke;
                serious |= section is LexiconSection.Means or LexiconSection.Medication or LexiconSection.Intent or LexiconSection.Timing or LexiconSection.Goodbye;
            }

            switch (section)
            {
                case LexiconSection.FigureOfSpeech when Overlap(cue, risk):
                    return State.FigureOfSpeech;
                case LexiconSection.Hypothetical when cue.End <= risk.Start && t.Clauses[cue.Start] == clause:
                    return State.Hypothetical;
                case LexiconSection.Negation when cue.End <= risk.Start && risk.Start - cue.End <= NegationReach && t.Clauses[cue.End - 1] == clause
                    && !InsideOtherRisk(t, c, r):
                    return State.Negated;
                case LexiconSection.NegatedAfter when cue.Start >= end && cue.Start - end <= NegationReach && t.Clauses[cue.Start] == t.Clauses[end - 1]:
                    return State.Negated;
                case LexiconSection.Past when t.Tokens[cue.Start].Sentence == sentence:
                case LexiconSection.Recovery when cue.Start >= end:
                    past = true;
                    break;
                case LexiconSection.Present when t.Clauses[cue.Start] == clause && !InsidePast(t, c):
                    present = true;
                    break;
            }
        }

        if (joke && !serious && (IsPhrase(SectionOf(risk)) || SectionOf(risk) == LexiconSection.Abuse))
        {
            return State.Joke;
        }

        return past && !present ? State.Past : State.Active;
    }

    /// <summary>
    /// A negation that is part of an earlier risk phrase ("if i'm not online tomorrow") belongs to it, and negates nothing
    /// after it ("you'll know why").
    /// </summary>
    private bool InsideOtherRisk(RiskText t, int c, int r)
    {
        ref readonly var cue = ref t.Matches[c];
        for (var p = 0; p < t.MatchCount; p++)
        {
            ref readonly var other = ref t.Matches[p];
            if (p != r && FamilyOf(SectionOf(other)) == Family.Risk && t.States[p] != (int)State.Shadowed
                && other.Start <= cue.Start && cue.End <= other.End && other.End <= t.Matches[r].Start)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A present marker that is part of a past one ("three years ago today") keeps nothing current.</summary>
    private bool InsidePast(RiskText t, int c)
    {
        for (var p = 0; p < t.MatchCount; p++)
        {
            if (p != c && SectionOf(t.Matches[p]) == LexiconSection.Past && t.States[p] != (int)State.Shadowed && Overlap(t.Matches[p], t.Matches[c]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the whole of a match is inside one quote.</summary>
    private static bool IsQuoted(RiskText t, int m)
    {
        ref readonly var match = ref t.Matches[m];
        var quote = t.Tokens[match.Start].Quote;
        return quote != 0 && t.Tokens[match.End - 1].Quote == quote;
    }

    /// <summary>
    /// Quoted words that are no one's risk: one word ("what does 'sewerslide' mean"), words no one named said ("the film
    /// says 'i want to die'"), or a saying with no person in it ("someone said 'suicidal thoughts are a symptom'").
    /// Someone's own words ("she texted 'i'm going to kill myself'") and the writer's ("i'm 'medium risk'") count.
    /// </summary>
    private bool IsMention(RiskText t, int r)
    {
        ref readonly var first = ref t.Tokens[t.Matches[r].Start];
        var quote = first.Quote - 1;
        if (first.QuoteEnd - quote == 1)
        {
            return true;
        }

        var speaker = Speaker(t, r);
        if (speaker < 0)
        {
            return true;
        }

        if (SectionOf(t.Matches[speaker]) == LexiconSection.Self)
        {
            return false;
        }

        for (var c = 0; c < t.MatchCount; c++)
        {
            ref readonly var cue = ref t.Matches[c];
            if (SectionOf(cue) is LexiconSection.Self or LexiconSection.ThirdParty or LexiconSection.ThirdPartySelf && t.States[c] != (int)State.Shadowed
                && cue.Start >= quote && cue.End <= first.QuoteEnd)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Who is quoted: the nearest subject before the quote in its sentence ("my daughter said '...'"), or -1.</summary>
    private int Speaker(RiskText t, int m)
    {
        var quote = t.Tokens[t.Matches[m].Start].Quote - 1;
        var sentence = t.Tokens[quote].Sentence;
        var nearest = -1;
        for (var c = 0; c < t.MatchCount; c++)
        {
            ref readonly var cue = ref t.Matches[c];
            if (SectionOf(cue) is LexiconSection.Self or LexiconSection.ThirdParty or LexiconSection.ThirdPartySelf && t.States[c] != (int)State.Shadowed
                && cue.End <= quote && t.Tokens[cue.Start].Sentence == sentence && t.Tokens[cue.Start].Quote == 0
                && (nearest < 0 || cue.End > t.Matches[nearest].End))
            {
                nearest = c;
            }
        }

        return nearest;
    }

    /// <summary>
    /// Whether the writer speaks of someone else: someone else acted on inside an urgent or concern phrase ("kill
    /// herself", "ei hun") or as its first word ("she's on the bridge") decides; otherwise the nearest subject before it
    /// in its segment ("my son told me he wants to die"); with none, the writer, who often leaves out "i" ("the dog is
    /// at my sister's, this is it").
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsThirdParty(RiskText t, int r)
    {
        if (IsQuoted(t, r))
        {
            // The words are the speaker's: "my son said 'i want to die'".
            var speaker = Speaker(t, r);
            return speaker >= 0 && SectionOf(t.Matches[speaker]) != LexiconSection.Self;
        }

        ref readonly var risk = ref t.Matches[r];
        var segment = t.Segments[risk.Start];
        var otherInside = false;
        var nearest = -1;
        for (var c = 0; c < t.MatchCount; c++)
        {
            ref readonly var cue = ref t.Matches[c];
            var section = SectionOf(cue);
            if (section is not (LexiconSection.Self or LexiconSection.ThirdParty or LexiconSection.ThirdPartySelf) || t.States[c] == (int)State.Shadowed)
            {
                continue;
            }

            if (cue.Start >= risk.Start && cue.End <= risk.End)
            {
                otherInside |= section == LexiconSection.ThirdPartySelf || (section == LexiconSection.ThirdParty && cue.Start == risk.Start);
            }
            else if (cue.End <= risk.Start && t.Segments[cue.Start] == segment
                && (nearest < 0 || cue.End > t.Matches[nearest].End || (cue.End == t.Matches[nearest].End && cue.Start < t.Matches[nearest].Start)))
            {
                nearest = c;
            }
        }

        // "kill herself" and "she's on the bridge" are someone else's risk; "she's taken all my pills" too, by the subject
        // before it; "tell my kids i love them" and "that's it for me", with no one else before them, are the writer's.
        if (otherInside && IsPhrase(SectionOf(risk)))
        {
            return true;
        }

        if (nearest >= 0)
        {
            return SectionOf(t.Matches[nearest]) != LexiconSection.Self;
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private RiskAssessment Decide(RiskText t)
    {
        var urgent = Find(t, LexiconSection.Urgent, thirdParty: false);
        if (urgent >= 0)
        {
            return new RiskAssessment(RiskLevel.Urgent, $"urgent phrase \"{Quote(t, urgent)}\"");
        }

        var protective = FindCue(t, LexiconSection.Protective);
        string? capped = null;
        foreach (var (risk, partners) in Combinations)
        {
            for (var m = 0; m < t.MatchCount; m++)
            {
                // Someone else's pills or rope with the writer's own intent is the writer's plan: "my partner locked away the
                // meds but i found the key. i'm taking them tonight".
                var othersMeans = t.ThirdParty[m] && risk is LexiconSection.Means or LexiconSection.Medication;
                if (SectionOf(t.Matches[m]) != risk || t.States[m] != (int)State.Active || (risk != LexiconSection.Abuse && t.ThirdParty[m] && !othersMeans))
                {
                    continue;
                }

                var partner = FindPartner(t, m, othersMeans ? IntentOnly : partners, anyones: false);
                if (partner < 0)
                {
                    continue;
                }

                var reason = $"{KindOf(risk)} \"{Quote(t, m)}\" with {KindOf(SectionOf(t.Matches[partner]))} \"{Quote(t, partner)}\"";
                if (protective < 0)
                {
                    return new RiskAssessment(RiskLevel.Urgent, reason);
                }

                capped ??= $"{reason}, but protective \"{Quote(t, protective)}\"";
            }
        }

        if (capped is not null)
        {
            return new RiskAssessment(RiskLevel.Concern, capped);
        }

        var concern = Find(t, LexiconSection.Concern, thirdParty: false);
        if (concern < 0)
        {
            concern = Find(t, LexiconSection.SelfHarm, thirdParty: false);
        }

        if (concern >= 0)
        {
            return new RiskAssessment(RiskLevel.Concern, $"{KindOf(SectionOf(t.Matches[concern]))} \"{Quote(t, concern)}\"");
        }

        var other = Find(t, LexiconSection.Urgent, thirdParty: true);
        if (other < 0)
        {
            other = Find(t, LexiconSection.Concern, thirdParty: true);
        }

        if (other < 0)
        {
            other = Find(t, LexiconSection.SelfHarm, thirdParty: true);
        }

        if (other >= 0)
        {
            return new RiskAssessment(RiskLevel.Concern, $"third party: \"{Quote(t, other)}\"");
        }

        // Someone else's means and plan: "he's got rope in his van and he's going to use it".
        foreach (var (risk, partners) in Combinations)
        {
            for (var m = 0; m < t.MatchCount; m++)
            {
                if (SectionOf(t.Matches[m]) == risk && t.States[m] == (int)State.Active && t.ThirdParty[m]
                    && FindPartner(t, m, partners, anyones: true) is var partner and >= 0)
                {
                    return new RiskAssessment(RiskLevel.Concern, $"third party: {KindOf(risk)} \"{Quote(t, m)}\" with {KindOf(SectionOf(t.Matches[partner]))} \"{Quote(t, partner)}\"");
                }
            }
        }

        return new RiskAssessment(RiskLevel.None, WhyNot(t));
    }

    /// <summary>What makes a phrase urgent with the writer's own words beside it, in the order they are tried.</summary>
    private static readonly (LexiconSection Risk, LexiconSection[] Partners)[] Combinations =
    [
        (LexiconSection.Concern, [LexiconSection.Intent, LexiconSection.Timing, LexiconSection.Means, LexiconSection.Goodbye]),
        (LexiconSection.Means, [LexiconSection.Intent, LexiconSection.Goodbye]),
        (LexiconSection.Medication, [LexiconSection.Intent]),
        (LexiconSection.Goodbye, [LexiconSection.Goodbye, LexiconSection.Intent, LexiconSection.Timing]),
        (LexiconSection.Abuse, [LexiconSection.Intent, LexiconSection.Timing]),
        (LexiconSection.Intent, [LexiconSection.Context, LexiconSection.Intent]),
    ];

    private static readonly LexiconSection[] IntentOnly = [LexiconSection.Intent];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Find(RiskText t, LexiconSection section, bool thirdParty)
    {
        for (var m = 0; m < t.MatchCount; m++)
        {
            if (SectionOf(t.Matches[m]) == section && t.States[m] == (int)State.Active && t.ThirdParty[m] == thirdParty)
            {
                return m;
            }
        }

        return -1;
    }

    private int FindCue(RiskText t, LexiconSection section)
    {
        for (var m = 0; m < t.MatchCount; m++)
        {
            if (SectionOf(t.Matches[m]) == section && t.States[m] != (int)State.Shadowed)
            {
                return m;
            }
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int FindPartner(RiskText t, int m, LexiconSection[] partners, bool anyones)
    {
        ref readonly var match = ref t.Matches[m];
        var sentence = t.Tokens[match.Start].Sentence;
        var reach = SectionOf(match) == LexiconSection.Concern ? ConcernSentenceReach : SentenceReach;
        foreach (var section in partners)
        {
            for (var p = 0; p < t.MatchCount; p++)
            {
                ref readonly var partner = ref t.Matches[p];
                if (p != m && SectionOf(partner) == section && t.States[p] == (int)State.Active && !Overlap(partner, match)
                    && Math.Abs(t.Tokens[partner.Start].Sentence - sentence) <= reach && (anyones || !t.ThirdParty[p] || IsAnyones(section)))
                {
                    return p;
                }
            }
        }

        return -1;
    }

    /// <summary>
    /// Partners that name others without being about them: a time ("when he's asleep"), a goodbye ("she doesn't know it
    /// was the last time") and the writer's crisis are the writer's whoever is named in them.
    /// </summary>
    private static bool IsAnyones(LexiconSection section) => section is LexiconSection.Timing or LexiconSection.Goodbye or LexiconSection.Context;

    /// <summary>For a verdict of none: the first risk phrase set aside, and why; or the figure of speech found; or "".</summary>
    private string WhyNot(RiskText t)
    {
        var figure = -1;
        for (var m = 0; m < t.MatchCount; m++)
        {
            var section = SectionOf(t.Matches[m]);
            var state = (State)t.States[m];
            if (section == LexiconSection.FigureOfSpeech && state != State.Shadowed && figure < 0)
            {
                figure = m;
            }

            if (!IsPhrase(section) && section != LexiconSection.Abuse)
            {
                continue;
            }

            switch (state)
            {
                case State.Negated:
                    return $"negated: \"{QuoteFromCue(t, m, LexiconSection.Negation)}\"";
                case State.Hypothetical:
                    return $"question or condition: \"{QuoteFromCue(t, m, LexiconSection.Hypothetical)}\"";
                case State.Past:
                    return $"past: \"{Quote(t, m)}\"";
                case State.Quoted:
                    return $"quoted: \"{Quote(t, m)}\"";
                case State.Joke:
                    return $"joke: \"{Quote(t, m)}\"";
                case State.Active when section == LexiconSection.Abuse:
                    return $"abuse, not the writer's own risk: \"{Quote(t, m)}\"";
            }
        }

        return figure >= 0 ? $"figure of speech: \"{Quote(t, figure)}\"" : "";
    }

    private static string Quote(RiskText t, int m) => t.Quote(t.Matches[m].Start, t.Matches[m].End - 1);

    /// <summary>From the negation or question that set the phrase aside to the end of the phrase: "not going to kill myself".</summary>
    private string QuoteFromCue(RiskText t, int m, LexiconSection cueSection)
    {
        ref readonly var risk = ref t.Matches[m];
        var start = risk.Start;
        var nearest = -1;
        for (var c = 0; c < t.MatchCount; c++)
        {
            ref readonly var cue = ref t.Matches[c];
            if (SectionOf(cue) == cueSection && t.States[c] != (int)State.Shadowed && cue.End <= risk.Start && cue.End > nearest
                && t.Clauses[cue.Start] == t.Clauses[risk.Start] && (cueSection != LexiconSection.Negation || risk.Start - cue.End <= NegationReach))
            {
                nearest = cue.End;
                start = cue.Start;
            }
        }

        return t.Quote(start, risk.End - 1);
    }
}
