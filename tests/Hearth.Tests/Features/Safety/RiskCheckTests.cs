using Hearth.Web.Features.Safety;

namespace Hearth.Tests.Features.Safety;

/// <summary>
/// The verdict a person would give each hard case, in English and Welsh: urgent brings the writer a supportive page
/// and moderators a priority flag, concern a normal flag, none nothing.
/// </summary>
public sealed class RiskCheckTests
{
    private static readonly RiskCheck Check = RiskCheck.LoadDefault();

    [Theory]
    [InlineData("I have the pills in front of me and I'm going to take them all")]
    [InlineData("tell my kids I love them, I won't be here tomorrow")]
    [InlineData("I want to kill myself")]
    [InlineData("I'm going to end my life tonight")]
    [InlineData("can't do this anymore. going to end it tonight")]
    [InlineData("I'm suicidal and I have a plan")]
    [InlineData("I'm so sorry everyone. I can't do this anymore. goodbye")]
    [InlineData("this is goodbye. thank you for everything")]
    [InlineData("I've written my note and I'm ready. goodbye everyone")]
    [InlineData("if i'm not on tomorrow it's because i went through with it. love you all")]
    [InlineData("I'm standing on the bridge now")]
    [InlineData("I'm going to jump in front of a train tomorrow morning")]
    [InlineData("dwi'n mynd i ladd fy hun heno")]
    [InlineData("dw i'n mynd i ladd fy hunan")]
    [InlineData("dwi isio marw heno")]
    [InlineData("hwyl fawr bawb, sori am bopeth")]
    [InlineData("mae gen i'r rhaff a dwi'n barod")]
    [InlineData("dw i'n mynd i ddod â fy mywyd i ben heno")]
    [InlineData("os dwi ddim ar y grŵp fory, dyna pam. caru chi gyd")]
    public void Immediate_risk_is_urgent(string message) => AssertLevel(RiskLevel.Urgent, message);

    [Theory]
    [InlineData("I've just swallowed a whole packet of paracetamol")]
    [InlineData("took 40 of my sertraline, sorry")]
    [InlineData("I just took a load of tablets, feeling really drowsy")]
    [InlineData("I OD'd this morning and haven't told anyone")]
    [InlineData("I've been stockpiling paracetamol and I'm ready")]
    [InlineData("I have a noose ready")]
    [InlineData("I want to die. I've got the blade and I'm going to use it")]
    [InlineData("the tablets are lined up on the table, I want to die")]
    [InlineData("dwi'n mynd i gymryd yr holl dabledi heno")]
    [InlineData("dwi wedi llyncu llwyth o dabledi")]
    [InlineData("dwi 'di cymryd gorddos o baracetamol tua awr yn ôl")]
    [InlineData("dwi am neidio oddi ar y bont heno")]
    public void Overdose_and_means_with_intent_are_urgent(string message) => AssertLevel(RiskLevel.Urgent, message);

    [Theory]
    [InlineData("interesting article on why paracetamol pack sizes are limited")]
    [InlineData("does anyone else take propranolol for anxiety?")]
    [InlineData("I took my tablets late today")]
    [InlineData("the pharmacy took 20 minutes to find my tablets")]
    [InlineData("the bridge in the park is lovely at sunset, we walked over it tonight")]
    [InlineData("be di'r dos uchaf o sertraline?")]
    public void Medicines_and_places_alone_are_not_flagged(string message) => AssertLevel(RiskLevel.None, message);

    [Theory]
    [InlineData("kms tonight")]
    [InlineData("I wanna k.m.s tonight")]
    [InlineData("gonna k m s tonight")]
    [InlineData("I'm gonna unalive tonight")]
    [InlineData("im going to un-alive myself after work")]
    [InlineData("sewerslide tonight, I'm done")]
    [InlineData("want to end it all tonight")]
    [InlineData("Im soooo sucidal rn")]
    [InlineData("suicidel tonight and i have the tablets next to me")]
    [InlineData("i dont want to be here anymore. tonight's the night x")]
    [InlineData("dwi actually am kms heno, dim jôc")]
    [InlineData("dwi am unalive fy hun penwythnos 'ma")]
    public void Evasions_slang_and_misspellings_are_read(string message) => AssertLevel(RiskLevel.Urgent, message);

    [Theory]
    [InlineData("I want to die")]
    [InlineData("sometimes I wish I could just not wake up")]
    [InlineData("I keep having thoughts about killing myself")]
    [InlineData("my head keeps telling me I'd be better off dead")]
    [InlineData("I feel like a burden to everyone")]
    [InlineData("been self harming again, not deep")]
    [InlineData("had a little s/h relapse tues")]
    [InlineData("I've been googling ways to die")]
    [InlineData("i lowkey want to unalive most days")]
    [InlineData("sh urges bad tonight but ive put the blades in the shed at my mums")]
    [InlineData("I'm not going to kill myself but I'm not ok either, the thoughts have been loud all week")]
    [InlineData("dwi'n meddwl am ladd fy hun weithiau")]
    [InlineData("dwi'n teimlo'n hollol anobeithiol")]
    [InlineData("weithiau sa'n well gen i beidio deffro yn y bore")]
    [InlineData("nes i dorri fy hun neithiwr")]
    [InlineData("dwi ddim am ladd fy hun ond dwi ddim yn iawn chwaith")]
    public void Lower_concern_is_a_concern(string message) => AssertLevel(RiskLevel.Concern, message);

    [Theory]
    [InlineData("I'm not suicidal, just tired")]
    [InlineData("I would never kill myself, my dog needs me")]
    [InlineData("I'm not going to end my life, I promise")]
    [InlineData("I'd never take an overdose")]
    [InlineData("no urges to sh today!! 43 days 🎉")]
    [InlineData("not gonna lie, I'm not feeling suicidal at all this week")]
    [InlineData("my psychiatrist asked if i'd had thoughts of ending my life and i said no")]
    [InlineData("dydw i ddim yn hunanladdol, jyst wedi blino")]
    [InlineData("fyddwn i byth yn lladd fy hun")]
    [InlineData("dydw i ddim isio marw, jyst wedi blino")]
    [InlineData("sai'n teimlo'n hunanladdol o gwbl wythnos 'ma")]
    [InlineData("dwy flynedd heb hunan-niweidio heddiw!")]
    public void Negations_are_not_flagged(string message) => AssertLevel(RiskLevel.None, message);

    [Theory]
    [InlineData(RiskLevel.Concern, "my friend just texted me saying she's going to kill herself tonight")]
    [InlineData(RiskLevel.Concern, "my son told me an hour ago he wants to die")]
    [InlineData(RiskLevel.Concern, "my brother tried to kill himself last night")]
    [InlineData(RiskLevel.Concern, "my daughter is self harming and I don't know what to do")]
    [InlineData(RiskLevel.Concern, "ma'n chwaer i wedi deud wrtha i bod hi isio marw")]
    [InlineData(RiskLevel.Concern, "ma fy ffrind yn deud bod hi'n mynd i ladd ei hun heno")]
    [InlineData(RiskLevel.None, "my friend said she wanted to die back in 2019, she's doing great now")]
    [InlineData(RiskLevel.None, "my dad killed himself when I was young")]
    [InlineData(RiskLevel.None, "my sister self harmed as a teenager, she's a nurse now")]
    [InlineData(RiskLevel.None, "someone in the comments told me to kys because i like pineapple on pizza")]
    [InlineData(RiskLevel.None, "what should I do if a member says they want to die?")]
    [InlineData(RiskLevel.None, "ddudodd fy ffrind ei bod hi isio marw nôl yn 2019")]
    [InlineData(RiskLevel.None, "nath fy ewythr farw drwy hunanladdiad yn 2008")]
    public void Other_people_at_risk_now_are_a_concern_and_reports_of_the_past_are_not(RiskLevel expected, string message) =>
        AssertLevel(expected, message);

    [Theory]
    [InlineData("5 years ago I tried to kill myself, now I'm doing well")]
    [InlineData("ten years ago I was suicidal; now I run a peer group")]
    [InlineData("when I was 16 I tried to overdose. I'm 40 now and doing well")]
    [InlineData("used to cut every night as a teen. now i've got a tattoo over the scars")]
    [InlineData("i OD'd in 2016 and spent a week in hospital")]
    [InlineData("pum mlynedd yn ôl nes i drio lladd fy hun. heddiw dwi yma i ddeud bod pethau'n gwella")]
    [InlineData("ces i gyfnod hunanladdol flynyddoedd yn ôl ond dwi'n iawn rŵan")]
    public void Recovery_stories_are_not_flagged(string message) => AssertLevel(RiskLevel.None, message);

    [Theory]
    [InlineData("this traffic is killing me")]
    [InlineData("I could murder a cup of tea")]
    [InlineData("dying to see it")]
    [InlineData("nearly died laughing at my dog")]
    [InlineData("if my mum finds out she's going to kill me")]
    [InlineData("I'm going to kill myself laughing at this")]
    [InlineData("that presentation was career suicide haha")]
    [InlineData("kms if i have to sit through another team meeting 😂")]
    [InlineData("killing it at work today")]
    [InlineData("I want to die my hair purple")]
    [InlineData("going to cut my hair tonight")]
    [InlineData("world suicide prevention day is on saturday")]
    [InlineData("bu bron i mi farw o chwerthin")]
    [InlineData("mae'r traffig 'ma'n fy lladd i")]
    [InlineData("dwi jyst â marw isio paned")]
    [InlineData("o'dd y rhaglen am atal hunanladdiad yn dda")]
    public void Figures_of_speech_are_not_flagged(string message) => AssertLevel(RiskLevel.None, message);

    [Theory]
    [InlineData("Am I odd for liking pineapple on pizza?")]
    [InlineData("wrtha i o'dd hi'n sâl")]
    [InlineData("love you all, see you thursday")]
    [InlineData("made it to the group tonight, thanks for the brew everyone")]
    [InlineData("I'm going to do it tonight, finally going to the group!")]
    [InlineData("")]
    public void Everyday_posts_are_not_flagged(string message) => AssertLevel(RiskLevel.None, message);

    /// <summary>
    /// Wording written for these tests and found in no evaluation file, in English and Welsh: each family of the lists (a
    /// resolve or a wish with an act, an overdose taken, a means with a plan, a place, a goodbye, a time, someone else,
    /// negation, the past, a figure of speech, a joke) put the way people put it, with the verdict a careful reader would
    /// give. Most were first run before the lists were changed for them, to see how the check does on new wording.
    /// </summary>
    [Theory]
    [InlineData(RiskLevel.Urgent, "i'm about to end it, sorry everyone")]
    [InlineData(RiskLevel.Urgent, "swallowed a whole strip of co-codamol twenty minutes ago")]
    [InlineData(RiskLevel.Urgent, "ready to unalive myself, everything is sorted")]
    [InlineData(RiskLevel.Urgent, "i'm stood at the edge of the cliff at llangrannog")]
    [InlineData(RiskLevel.Urgent, "i'm going to step off the platform when the next train comes")]
    [InlineData(RiskLevel.Urgent, "i'm on the roof of the building and i'm not coming down")]
    [InlineData(RiskLevel.Urgent, "dwi 'di penderfynu, dwi'n neidio oddi ar y bont heno")]
    [InlineData(RiskLevel.Urgent, "ta-ra am byth, diolch am bopeth")]
    [InlineData(RiskLevel.Urgent, "i've taken all my lithium and some vodka")]
    [InlineData(RiskLevel.Urgent, "sitting in my car with the engine running in the garage")]
    [InlineData(RiskLevel.Urgent, "please make sure someone feeds my cat. i'm going to do it")]
    [InlineData(RiskLevel.Urgent, "i'm done. goodbye everyone, it's been real")]
    [InlineData(RiskLevel.Urgent, "i'm so close to ending it right now")]
    [InlineData(RiskLevel.Urgent, "i'm going to overdose on my antidepressants once my partner is asleep")]
    [InlineData(RiskLevel.Urgent, "ma'r tabledi i gyd yn fy llaw, dwi'n eu llyncu nhw nawr")]
    [InlineData(RiskLevel.Urgent, "wi 'di llyncu'r holl baracetamol oedd yn y tŷ")]
    [InlineData(RiskLevel.Urgent, "if nobody replies by midnight i'm ending it")]
    [InlineData(RiskLevel.Urgent, "I HAVE THE PILLS. I'M TAKING THEM. SORRY")]
    [InlineData(RiskLevel.Urgent, "i'm writing this from the roof of my building. i'm going to jump")]
    [InlineData(RiskLevel.Urgent, "ive cut and its deep and i dont want help")]
    [InlineData(RiskLevel.Urgent, "gonna walk into the river after everyone's asleep")]
    [InlineData(RiskLevel.Urgent, "sewer slide is happening tonight, thank u all")]
    [InlineData(RiskLevel.Urgent, "nes i lyncu potel gyfan o dabledi cysgu hanner awr yn ôl")]
    [InlineData(RiskLevel.Urgent, "dwi ar ben y maes parcio aml-lawr a dwi'n mynd i neidio")]
    [InlineData(RiskLevel.Urgent, "dwi'n mynd i gymryd y cwbl lot ar ôl i'r plant gysgu")]
    [InlineData(RiskLevel.Urgent, "sat in the bath with a razor, i'm not stopping this time")]
    [InlineData(RiskLevel.Urgent, "swallowed every pill in the house about ten minutes ago")]
    [InlineData(RiskLevel.Urgent, "i'm going to starve myself until i'm gone")]
    [InlineData(RiskLevel.Urgent, "im gunna od on my meds 2nite")]
    [InlineData(RiskLevel.Urgent, "ma gen i'r tabledi o'mlaen i a dwi'n mynd i'w cymryd nhw i gyd")]
    [InlineData(RiskLevel.Urgent, "wi'n sefyll ar y cledrau nawr")]
    [InlineData(RiskLevel.Urgent, "so tired. tonight i'm going to make sure i don't wake up")]
    [InlineData(RiskLevel.Urgent, "the withdrawal is hell and i've got a rope, im done")]
    [InlineData(RiskLevel.Urgent, "took every sleeping pill in the bathroom cabinet, won't be long now")]
    [InlineData(RiskLevel.Urgent, "the pain stops tonight. i've made sure of it")]
    [InlineData(RiskLevel.Urgent, "i've poured all my tablets into a bowl and i'm counting them out")]
    [InlineData(RiskLevel.Urgent, "dwi ar y ffordd i'r bont, peidiwch â thrio fy stopio")]
    [InlineData(RiskLevel.Urgent, "i've emptied both packets onto the bed. this is the last thing i'll write here")]
    [InlineData(RiskLevel.Urgent, "everything's sorted for the cats. i'm going tonight, please don't look for me")]
    [InlineData(RiskLevel.Urgent, "i have the belt round my neck and i'm sitting in the wardrobe")]
    [InlineData(RiskLevel.Urgent, "dwi'n sefyll ar ymyl y to, dwi ddim yn gallu neud hyn ddim mwy")]
    [InlineData(RiskLevel.Urgent, "ma gen i gyllell ac dwi'n mynd i'w defnyddio hi arna i fy hun heno")]
    [InlineData(RiskLevel.Concern, "burned my arm with a lighter last night, it's sore but i'm ok")]
    [InlineData(RiskLevel.Concern, "my best mate just messaged saying she's taken a load of pills, what do i do")]
    [InlineData(RiskLevel.Concern, "i'm such a burden to everyone around me")]
    [InlineData(RiskLevel.Concern, "dwi'n teimlo fel baich ar fy nheulu")]
    [InlineData(RiskLevel.Concern, "does dim pwynt i ddim byd bellach")]
    [InlineData(RiskLevel.Concern, "keep thinking about stepping out in front of a bus")]
    [InlineData(RiskLevel.Concern, "been giving away all my things this week, feels right somehow")]
    [InlineData(RiskLevel.Concern, "everyone would be happier if i wasn't around")]
    [InlineData(RiskLevel.Concern, "i'm fine but my son says he wants to kill himself and he's only 12")]
    [InlineData(RiskLevel.Concern, "i have these dark moments where i think about taking all my pills but i never do")]
    [InlineData(RiskLevel.Concern, "ma'n chwaer i'n deud ei bod hi isio marw drwy'r amser")]
    [InlineData(RiskLevel.Concern, "ma meddyliau am neidio o'r bont yn dod yn ôl")]
    [InlineData(RiskLevel.Concern, "the thoughts of ending my life are getting louder but i have no plan")]
    [InlineData(RiskLevel.Concern, "i don't want to kill myself, i just don't want to exist")]
    [InlineData(RiskLevel.Concern, "my mate posted on snapchat that he wants to end it all, he's not replying")]
    [InlineData(RiskLevel.Concern, "nothing matters anymore and i can't see that changing")]
    [InlineData(RiskLevel.Concern, "nes i grafu fy nghoesau nes oedden nhw'n gwaedu neithiwr")]
    [InlineData(RiskLevel.Concern, "ma'r meddyliau hunanladdol yn ôl ers lleihau'r dos")]
    [InlineData(RiskLevel.Concern, "dwi ddim isio lladd fy hun, jyst isio i'r boen stopio")]
    [InlineData(RiskLevel.Concern, "my wife says she can't see the point in living anymore, i'm frightened")]
    [InlineData(RiskLevel.Concern, "i'm struggling to see a future for myself")]
    [InlineData(RiskLevel.Concern, "i feel like i'm a waste of everyone's time and energy")]
    [InlineData(RiskLevel.Concern, "dwi jyst isio diflannu am sbel")]
    [InlineData(RiskLevel.Concern, "sa'n haws i bawb taswn i ddim yma")]
    [InlineData(RiskLevel.Concern, "dwi'n meddwl am gymryd y tabledi i gyd ond dwi ddim am neud")]
    [InlineData(RiskLevel.Concern, "i'm scared of myself at the moment, the thoughts are so loud")]
    [InlineData(RiskLevel.Concern, "my son has stopped eating and says nothing matters anymore")]
    [InlineData(RiskLevel.Concern, "i burnt myself with a cigarette again tonight, it's done now")]
    [InlineData(RiskLevel.Concern, "dwi'n teimlo fel nad oes pwynt i mi fod yma")]
    [InlineData(RiskLevel.Concern, "dwi 'di blino ar fod yn fyw, ond dwi'n saff heno")]
    [InlineData(RiskLevel.Concern, "i keep fantasising about crashing the car on the motorway")]
    [InlineData(RiskLevel.Concern, "i cut my wrist last night, it wasn't deep, i've cleaned it")]
    [InlineData(RiskLevel.Concern, "i haven't showered in a week and i don't see the point in anything")]
    [InlineData(RiskLevel.Concern, "dwi'n meddwl yn aml am beidio deffro")]
    [InlineData(RiskLevel.Concern, "nes i frifo fy hun eto nos wener, dwi'n iawn rŵan")]
    [InlineData(RiskLevel.None, "my boss will be the death of me honestly")]
    [InlineData(RiskLevel.None, "can anyone recommend a good book about suicide bereavement?")]
    [InlineData(RiskLevel.None, "i could kill for a bacon sandwich right now")]
    [InlineData(RiskLevel.None, "day 20 off venlafaxine, brain zaps easing")]
    [InlineData(RiskLevel.None, "we walked over the severn bridge on sunday, gorgeous views")]
    [InlineData(RiskLevel.None, "bu bron i mi farw o embaras yn y cyfarfod")]
    [InlineData(RiskLevel.None, "dwi jyst a marw isio bwyd")]
    [InlineData(RiskLevel.None, "my uncle took his own life in 2015 and i still think of him")]
    [InlineData(RiskLevel.None, "finally going to do it - signing up for the marathon!")]
    [InlineData(RiskLevel.None, "we're doing a fundraiser for a suicide prevention charity next month")]
    [InlineData(RiskLevel.None, "i'm not going to hurt myself, please don't worry, i'm just exhausted")]
    [InlineData(RiskLevel.None, "i hung the washing out and then it rained, typical")]
    [InlineData(RiskLevel.None, "anyone else find the withdrawal dizziness worse in the mornings?")]
    [InlineData(RiskLevel.None, "ma'r boen yn fy nghefn yn fy lladd i heddiw")]
    [InlineData(RiskLevel.None, "sut dwi'n gwybod os ydi'r dos yn rhy uchel?")]
    [InlineData(RiskLevel.None, "i'm not suicidal at all, just grumpy because it's monday")]
    [InlineData(RiskLevel.None, "does anyone know if the samaritans do text support?")]
    [InlineData(RiskLevel.None, "went cliff jumping in cornwall, terrifying but fun")]
    [InlineData(RiskLevel.None, "i took the last of my antidepressants today as part of my taper, last dose ever!")]
    [InlineData(RiskLevel.None, "i'd rather die than go back to that job lol")]
    [InlineData(RiskLevel.None, "ma'r hangover 'ma'n mynd i'n lladd i")]
    [InlineData(RiskLevel.None, "flynyddoedd yn ôl o'n i'n hunanladdol, erbyn hyn dwi'n gweithio fel nyrs")]
    [InlineData(RiskLevel.None, "lol dwi'n mynd i kms os dwi'n gorfod gwylio'r gêm 'na eto")]
    [InlineData(RiskLevel.None, "my mum attempted when i was little, she's been well for twenty years")]
    [InlineData(RiskLevel.None, "the walk to the top of pen y fan nearly killed me")]
    [InlineData(RiskLevel.None, "i tried to kill the spider but it escaped")]
    [InlineData(RiskLevel.None, "taking 50mg of sertraline now instead of 100, going well")]
    [InlineData(RiskLevel.None, "does anyone have experience of coming off lithium safely?")]
    [InlineData(RiskLevel.None, "the suicide rate among young men is terrifying, we need more support groups")]
    [InlineData(RiskLevel.None, "i was going to quit the group but you lot are too lovely")]
    [InlineData(RiskLevel.None, "nath fy nhaid farw yn 2010 a dwi dal yn ei golli")]
    [InlineData(RiskLevel.None, "diolch i bawb am y neges neithiwr, hwyl fawr tan wythnos nesa")]
    [InlineData(RiskLevel.None, "a member in my group said last week she'd thought about suicide years ago")]
    [InlineData(RiskLevel.None, "spent the day at the cliffs at st davids, the sea was gorgeous")]
    [InlineData(RiskLevel.None, "lol my toddler is trying to kill me with these 5am wake ups")]
    [InlineData(RiskLevel.None, "my nan used to say 'i'll die happy when you're married' haha")]
    [InlineData(RiskLevel.None, "i'm going to bed, night all x")]
    [InlineData(RiskLevel.None, "my teacher said the coursework would be the death of us")]
    [InlineData(RiskLevel.None, "thank you everyone for all the support, i'm finally off sertraline")]
    [InlineData(RiskLevel.None, "o'n i'n arfer meddwl am orffen pethau, ond ma bywyd yn dda rŵan")]
    [InlineData(RiskLevel.None, "diolch am bopeth, dwi'n gadael y grŵp achos dwi'n symud i Awstralia!")]
    [InlineData(RiskLevel.None, "my dad died of cancer last spring and grief is weird")]
    [InlineData(RiskLevel.None, "the deadline is killing me slowly lol")]
    [InlineData(RiskLevel.None, "anyone else's venlafaxine withdrawal make them cry at adverts?")]
    [InlineData(RiskLevel.None, "dwi ddim isio marw, dwi jyst isio i rywun wrando")]
    [InlineData(RiskLevel.None, "dwi'n mynd i neidio i mewn i'r pwll nofio bore fory")]
    public void New_wording_gets_the_verdict_a_careful_reader_would_give(RiskLevel expected, string message) => AssertLevel(expected, message);

    [Theory]
    [InlineData("I WANT TO KILL MYSELF")]
    [InlineData("I’m going to kill myself")]
    [InlineData("i'm going to killll myselfff")]
    [InlineData("Dw i’n mynd i ladd fy hun")]
    [InlineData("DWI'N MYND I LADD FY HUN")]
    public void Case_curly_apostrophes_and_repeated_letters_do_not_hide_a_phrase(string message) => AssertLevel(RiskLevel.Urgent, message);

    [Fact]
    public void Welsh_accents_read_the_same_with_or_without_them()
    {
        Assert.Equal(RiskLevel.Urgent, Check.Assess("dwi'n sefyll ar y bont rŵan").Level);
        Assert.Equal(RiskLevel.Urgent, Check.Assess("dwi'n sefyll ar y bont rwan").Level);
        Assert.Equal(RiskLevel.None, Check.Assess("dwi jyst â marw isio paned").Level);
        Assert.Equal(RiskLevel.None, Check.Assess("dwi jyst a marw isio paned").Level);
    }

    [Fact]
    public void Reasons_name_the_words_that_decided()
    {
        Assert.Equal(new RiskAssessment(RiskLevel.Urgent, "urgent phrase \"want to kill myself\""), Check.Assess("I want to kill myself"));
        Assert.Equal(new RiskAssessment(RiskLevel.None, "negated: \"not suicidal\""), Check.Assess("I'm not suicidal, just tired"));
        Assert.Equal(new RiskAssessment(RiskLevel.Urgent, "urgent phrase \"going to take them all\""), Check.Assess("I have the pills and I'm going to take them all"));
        Assert.Equal(new RiskAssessment(RiskLevel.Urgent, "means \"blade\" with intent \"going to use it\""), Check.Assess("I've got the blade and I'm going to use it"));
        Assert.Equal(new RiskAssessment(RiskLevel.Concern, "third party: \"wants to die\""), Check.Assess("my son told me he wants to die"));
        Assert.Equal(new RiskAssessment(RiskLevel.None, "figure of speech: \"dying to\""), Check.Assess("dying to see it"));
        Assert.Equal(new RiskAssessment(RiskLevel.None, ""), Check.Assess("what time is the group on thursday?"));
    }

    [Fact]
    public void A_reason_is_one_line_and_short_whatever_the_message()
    {
        var reason = Check.Assess("I want to\tdie\nand I'm going to\r\ntake them all " + new string('x', 10_000)).Reason;

        Assert.DoesNotContain('\t', reason);
        Assert.DoesNotContain('\n', reason);
        Assert.DoesNotContain('\r', reason);
        Assert.True(reason.Length < 200, reason);
    }

    [Fact]
    public void Long_posts_are_read_to_the_end()
    {
        var post = string.Concat(Enumerable.Repeat("Had a long week at work and the bus was late again. ", 400)) + "I have the rope and tonight is the night.";

        Assert.Equal(RiskLevel.Urgent, Check.Assess(post).Level);
        Assert.Equal(RiskLevel.None, Check.Assess("short").Level);
    }

    [Fact]
    public void Many_threads_get_the_same_verdicts_as_one()
    {
        string[] messages =
        [
            "I want to kill myself", "I'm not suicidal", "my friend wants to die", "this traffic is killing me",
            "dwi'n mynd i ladd fy hun heno", "sometimes I wish I could just not wake up", "I have the pills and I'm going to take them all tonight",
        ];
        var expected = messages.Select(Check.Assess).ToArray();

        var mismatches = 0;
        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            if (Check.Assess(messages[i % messages.Length]) != expected[i % messages.Length])
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        Assert.Equal(0, mismatches);
    }

    [Theory]
    [InlineData("set the date. sunday. told everyone i'm away so nobody comes looking")]
    [InlineData("got what i need. flat is empty all weekend. this is it")]
    [InlineData("rehomed my dog yesterday. wrote my will. it's time")]
    [InlineData("Dwi 'di dewis dyddiad. Nos Sul. Dwi 'di deud wrth bawb 'mod i ar wyliau")]
    public void Plans_told_in_fragments_over_three_sentences_are_urgent(string message) => AssertLevel(RiskLevel.Urgent, message);

    [Theory]
    [InlineData("I'm worthless to everyone. my job, my friends, even here. sorry")]
    public void A_concern_with_a_weak_goodbye_two_sentences_off_stays_a_concern(string message) => AssertLevel(RiskLevel.Concern, message);

    [Theory]
    [InlineData("my mum hid the tablets but i know where they are. i'm taking them all tonight")]
    [InlineData("my brother's rope is in the garage and i'm going to use it")]
    public void Someone_elses_means_with_the_writers_intent_is_urgent(string message) => AssertLevel(RiskLevel.Urgent, message);

    [Theory]
    [InlineData("If I'm not around tomorrow you'll know why. I've said my goodbyes")]
    public void A_negation_inside_an_earlier_phrase_negates_nothing_after_it(string message) => AssertLevel(RiskLevel.Urgent, message);

    [Theory]
    [InlineData("two years ago today i took an overdose. today i ran my first half marathon")]
    public void A_present_word_inside_a_past_marker_keeps_nothing_current(string message) => AssertLevel(RiskLevel.None, message);

    [Theory]
    [InlineData("Mae 'mrawd i wedi llyncu llwyth o'i dabledi cysgu")]
    [InlineData("Mae fy chwaer yn deud ei bod hi am lyncu'r botel gyfan heno")]
    public void Welsh_ei_and_eu_shortened_onto_a_word_are_read(string message) => AssertLevel(RiskLevel.Concern, message);

    private static void AssertLevel(RiskLevel expected, string message)
    {
        var assessment = Check.Assess(message);
        Assert.True(assessment.Level == expected, $"Expected {expected} for \"{message}\", got {assessment.Level} ({assessment.Reason}).");
    }
}
