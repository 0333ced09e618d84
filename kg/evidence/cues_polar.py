"""Cue rows that vote: weaknesses, then strengths, then hints that only mark doubt.

See ``kg.evidence.cues`` for the precedence; weakness rows come before strength rows, so
at one position 'not always' is read before 'always' could be.
"""

from __future__ import annotations

from kg.evidence.cue import Cue

__all__ = ["HINTS", "STRENGTHS", "WEAKNESSES"]

WEAKNESSES: tuple[Cue, ...] = (
    # 3. Weaknesses.
    Cue(
        "negated adverb",
        "weakness",
        r"not\s+(?:be(?:en)?\s+)?(?:yet\s+)?(?:always|consistently|routinely|sufficiently"
        r"|fully|well|clearly|effectively|adequately|regularly|systematically|robustly|appropriately|securely"
        r"|reliably|thoroughly|proactively|promptly|quickly|swiftly|readily|easily|properly"
        r"|accurately|rigorously|timely|strong|robust|clear|effective|good|timely|thorough"
        r"|specific|detailed|enough|as\s+\w+)",
        notes="'not always', 'not consistently', 'not routinely': the classic Ofsted shortfall",
    ),
    Cue(
        "negated quantifier",
        "weakness",
        r"not\s+(?:all|every|enough|many|much)|none\s+of\s+the|too\s+(?:few|many|much|little)",
        notes="'Not all ... are', 'not enough', 'too many'",
    ),
    Cue(
        "not yet",
        "weakness",
        r"not\s+yet|(?:has|have|is|are)\s+yet\s+to|yet\s+to\s+be|still\s+to\s+be|"
        r"(?:has|have)\s+only\s+(?:very\s+)?recently|only\s+(?:very\s+)?recently",
        notes="'not yet embedded', 'has yet to', 'only recently': change not yet achieved",
    ),
    Cue("too early", "weakness", r"too\s+(?:early|soon)\s+to"),
    Cue(
        "work still needed",
        "weakness",
        r"(?:further|more|additional)\s+(?:\w+\s+)?(?:work|progress|improvement|action|development"
        r"|focus|attention)\s+(?:is\s+|are\s+)?(?:still\s+)?(?:needed|required|necessary|to\s+do"
        r"|to\s+be\s+done)|(?:more|work)\s+to\s+do|still\s+(?:some\s+)?work\s+to",
    ),
    Cue(
        "improvement needed",
        "weakness",
        r"needs?\s+(?:further\s+)?(?:to\s+(?:be\s+)?(?:improve|strengthen|develop|address|ensure"
        r"|increase|focus)|improv\w+|strengthening|development|attention)"
        r"|needs?\s+to\s+be\s+(?:given|clearer|more|better|stronger|further)"
        r"|requires?\s+improvement|areas?\s+(?:for|of|requiring)\s+(?:further\s+)?"
        r"(?:improvement|development)|room\s+for\s+(?:further\s+)?improvement"
        r"|improvements?\s+(?:are|is)\s+(?:still\s+)?(?:needed|required)"
        r"|would\s+(?:be\s+)?(?:improve|strengthen|benefit|enhance)\w*"
        r"|could\s+be\s+(?:further\s+|more\s+)?(?:improved|strengthened|better|developed|robust"
        r"|consistent|effective|detailed|timely|focused)",
        notes="'need to improve', 'areas for development', 'would be improved by'",
    ),
    Cue(
        "recommendation",
        "weakness",
        r"^(?:improve|ensure|strengthen|develop|review|increase|reduce|establish|implement"
        r"|address|immediately|within\s+(?:\w+\s+){1,2}(?:months|weeks|days))"
        r"|(?:requires?|needs?)\s+(?:more|greater|better|regular|further|stronger|improved)",
        notes="a sentence that opens with an instruction is a recommendation to improve",
    ),
    Cue(
        "delay or drift",
        "weakness",
        r"delay(?:s|ed|ing)?|drift(?:s|ed|ing)?|backlogs?|overdue|out[\s-]of[\s-]date",
        notes="after 'negation that is praise' has taken 'no delay', 'without delay'",
    ),
    Cue(
        "inconsistency",
        "weakness",
        r"inconsisten(?:t|tly|cy|cies)|variab(?:le|ility)|vari(?:es|ed|able)\s+(?:in|between"
        r"|considerably|widely|significantly|too)|vary\s+(?:in|considerably|widely)|uneven|patchy",
        notes="'inconsistent', 'variable', 'varies in quality'",
    ),
    Cue(
        "named shortfall",
        "weakness",
        r"weak(?:ness|nesses|er|ly)?|poor(?:ly|er|est)?|inadequate(?:ly)?|ineffective(?:ly)?"
        r"|deficits?|deficienc(?:y|ies)|deficient|shortfalls?|failings?|fail(?:s|ed|ure|ures)?"
        r"|flawed|unsafe|unacceptabl[ey]|insufficient(?:ly)?|inaccura(?:te|cies)|incomplete"
        r"|under[\s-]?developed|under-?resourced|unclear|unfocused|superficial|cursory|vague"
        r"|lacks?|lacking|lacked|absent|absence\s+of|missed|gaps?|limited|minimal|fragmented"
        r"|unable|undermin\w+|compromis\w+|adversely|detrimental|unallocated|instability|inappropriate(?:ly)?"
        r"|unstable|slow(?:ly|er)?|worrying|deteriorat\w+|reduced\s+capacity|over-?optimistic"
        r"|generic|not\s+fit\s+for\s+purpose|uncertain|insecure|serious\s+concerns?|unsuitable"
        r"|infrequent(?:ly)?|varies|hamper\w*|hinder\w*|imped\w+",
        notes="words that name a failing; 'poor' and 'weak' about services, not children "
        "(see the 'hypothetical harm' row)",
    ),
    Cue(
        "harmful effect",
        "weakness",
        r"negative(?:ly)?\s+(?:impact|affect)\w*|(?:placements?\s+)?disruptions?\s+(?:to|in)\b"
        r"|placements?\s+disruptions?|disrupted|struggl\w+\s+to|limits\s+(?:the|their|its)"
        r"|difficult(?:y|ies)?\s+in\s+(?:recruit|access|find|retain)\w*"
        r"|(?:(?<=is\s)|(?<=are\s)|(?<=was\s)|(?<=particularly\s)|(?<=very\s))concerning",
        notes="'disruption' only of placements or education: disrupting exploitation is praise; "
        "'concerning' only as an adjective, not the preposition",
    ),
    Cue(
        "less than good",
        "weakness",
        r"less\s+(?:effective|well|consistent|robust|developed|timely|clear|good|successful"
        r"|secure|evident|strong|thorough|focused|rigorous)|not\s+as\s+\w+|weaker|worse",
    ),
    Cue(
        "excess",
        "weakness",
        r"too\s+(?:long|slow(?:ly)?|high|low|late|often|variable|narrow|reliant|optimistic"
        r"|generic|brief|general|infrequent(?:ly)?|limited|heavily|frequently|large|big|great"
        r"|complex|descriptive|focused|quickly|readily|easily|lengthy|wide|soon)"
        r"|(?:(?<=is\s)|(?<=are\s)|(?<=was\s)|(?<=were\s)|(?<=be\s)|(?<=been\s)|(?<=remain\s)"
        r"|(?<=remains\s))too\s+\w+",
        notes="'too long', 'too high' (caseloads), 'too variable'",
    ),
    Cue(
        "remaining problem",
        "weakness",
        r"(?:difficulties|challenges|problems|issues|concerns|weaknesses)\s+(?:\w+\s+)?"
        r"(?:remain|persist)|(?:remains?|is|are)\s+(?:a\s+|an\s+)?(?:\w+\s+)?(?:challenge|concern"
        r"|issue|problem)|(?:is|are|was|were|remains?)\s+(?:\w+\s+)?of\s+(?:\w+\s+)?concern"
        r"|(?:high|heavy|excessive|large)\s+(?:staff\s+)?(?:caseloads|workloads|turnover|levels\s+of\s+(?:agency|sickness|vacanc))|caseloads\s+(?:[\w'-]+\s+){0,8}?(?:are|remain)\s+(?:too\s+|very\s+)?high"
        r"|(?:staff\s+)?turnover\s+(?:is|remains)\s+high|low\s+(?:morale|take-?up|uptake"
        r"|attendance|completion|numbers?\s+of\s+\w+\s+(?:receive|attend|complete))",
        notes="'challenges remain', 'high caseloads', 'low morale'",
    ),
    Cue(
        "waiting",
        "weakness",
        r"wait(?:s|ed|ing)?\s+(?:for\s+)?(?:up\s+to\s+|over\s+|more\s+than\s+)?(?:\w+\s+)?"
        r"(?:months|weeks|years)|long\s+wait\w*|waiting\s+(?:lists?|times?)\s+(?:are|is|remain)"
        r"|missed\s+opportunit\w+",
        notes="'wait several months'",
    ),
    Cue(
        "little or no",
        "weakness",
        r"(?:little|no|without)\s+(?:\w+\s+)?(?:evidence|impact|progress|understanding"
        r"|analysis|oversight|focus|consideration|plan|plans|management|recorded|clear|formal|action"
        r"|systematic|effective|documented|sufficient|robust|written|curiosity|challenge|mention)"
        r"|only\s+(?:a\s+minority|half|a\s+third|a\s+quarter|\d+(?:\.\d+)?\s*(?:%|per\s+cent))"
        r"|only\s+(?:\w+\s+){1,3}?(?:have|has|had)\s+(?:taken\s+up|achieved|attended|completed"
        r"|received|accessed|benefited)"
        r"|in\s+(?:its|their)\s+infancy|(?:still|only)\s+(?:at\s+|in\s+)?(?:an?\s+|its\s+|their\s+)"
        r"?(?:very\s+)?early\s+stages?|errors|decline[ds]?",
        confidence="low",
        notes="'little evidence of', 'no management oversight', 'few care leavers are at "
        "university'; low confidence because a count can be read either way",
    ),
    Cue(
        "cannot be assured",
        "weakness",
        r"cannot\s+(?:be\s+)?(?:assured?|sure|confident|demonstrate|evidence|be\s+certain)"
        r"|not\s+(?:\w+\s+)?(?:met|completed|achieved|updated|recorded|addressed"
        r"|progressed|embedded|undertaken|evaluated|reviewed|evident|understood|considered|identified"
        r"|followed|seen|visited|allocated|offered|in\s+place)",
    ),
    Cue(
        "negation",
        "weakness",
        r"not|(?:do|does|did|is|are|was|were|has|have|had|ca|could|wo|would|should|must)n['’]t"
        r"|cannot|nor|never|no\s+(?:\w+\s+)?(?:is|are|was|were)\s+"
        r"(?:in\s+place|available|undertaken|provided|produced|carried)",
        notes="the brief's 'do not', 'are not': a negated statement about practice; the "
        "neutral and praise rows above have already taken the exceptions",
    ),
)

STRENGTHS: tuple[Cue, ...] = (
    # 4. Strengths.
    Cue(
        "praise word",
        "strength",
        r"effective(?:ly)?|strong(?:ly|er|est)?|strengths?|strengthen(?:s|ed)|good|better|best"
        r"|well(?:-\w+)?|timely|robust(?:ly)?|high[\s-]quality|high\s+standards?|highly|thorough"
        r"(?:ly)?|appropriate(?:ly)?|excellent|exceptional(?:ly)?|impressive|comprehensive(?:ly)?"
        r"|swift(?:ly)?|prompt(?:ly)?|rigorous(?:ly)?|successful(?:ly)?|success(?:es)?|positive(?:ly)?"
        r"|clear(?:ly|er)?|consistent(?:ly)?|secure(?:ly)?|sound|innovative|ambitious|aspirational"
        r"|proactive(?:ly)?|responsive|sensitive(?:ly)?|meaningful(?:ly)?|purposeful(?:ly)?"
        r"|insightful|thoughtful(?:ly)?|careful(?:ly)?|detailed|helpful|supportive|child-centred"
        r"|child-focused|manageable|stable|sufficient(?:ly)?|tailored|holistic|regular(?:ly)?"
        r"|quick(?:ly)?|embedded|accessible|accurate(?:ly)?|empower\w*|resilien\w+"
        r"|collaborative(?:ly)?|valuable|invaluable|useful|suitable|safe(?:ly)?|decisive(?:ly)?"
        r"|immediate(?:ly)?|promising|reflective|self-aware|self-critical|instrumental|exemplary"
        r"|creative(?:ly)?|rich|measurable|benefits\s+(?:that|of)|consistency|listened\s+to|(?:making|make|made|makes)"
        r"\s+(?:good\s+|strong\s+|rapid\s+|excellent\s+)?progress|lucky|proud|rightly|respectful(?:ly)?|complimentary"
        r"|above\s+and\s+beyond|over\s+and\s+above|encouraging|active(?:ly)?|extensive(?:ly)?|safer|trusting"
        r"|persisten(?:t|tly|ce)|work(?:s|ing|ed)?\s+closely|close(?:ly)?\s+(?:working|monitor|link|partnership|collaborat"
        r"|relationships?|oversight|liaison|track|scrutin)\w*|individuali[sz]ed|personali[sz]ed|bespoke"
        r"|within\s+(?:the\s+)?(?:required\s+|statutory\s+|agreed\s+|expected\s+)?timescales?"
        r"|on\s+time|continuity|notable|achievements|coherent(?:ly)?|earliest\s+(?:possible\s+)?(?:opportunity"
        r"|point|stage)|(?:concerted|concentrated|considerable|significant)\s+efforts?|outcome-focus+ed|fully\s+(?:involved|consulted|engaged|implemented|compliant"
        r"|understood|embedded|met)|prioriti[sz]ed|well-?(?:established|developed|coordinated"
        r"|targeted|attended)|outstanding(?!\s+(?:actions?|tasks?|work|issues|assessments"
        r"|recommendations|cases|visits|referrals))",
        notes="words inspectors use to praise practice ('outstanding actions' are pending ones)",
    ),
    Cue(
        "praise for staff",
        "strength",
        r"skilled|skilful(?:ly)?|knowledgeable|committed|commitment|dedicated|tenacious(?:ly)?"
        r"|(?:work|works|worked|working|strive|strives|striving|try|tries)\s+(?:very\s+)?hard"
        r"|determined(?:ly)?|determination|diligent(?:ly)?|confident(?:ly)?|enthusiastic|passionate"
        r"|experienced\s+(?:and|social|staff|practitioners?|managers?|workers?|team|chair|advisers?"
        r"|officers?|leaders?|professionals?|foster|carers?|adopters?|independent|personal)"
        r"|(?:(?<=an\s)|(?<=ly\s)|(?<=very\s)|(?<=more\s))experienced",
        notes="'experienced' only as an adjective: 'children have experienced neglect' is not "
        "praise",
    ),
    Cue(
        "valued by people",
        "strength",
        r"valued|value\s+(?:the|their)|appreciat\w+|enjoy\w*|praised?|grateful|speak\s+(?:very\s+)?highly"
        r"|spoke\s+(?:very\s+)?highly|positive\s+about|high\s+morale|morale\s+is\s+(?:\w+\s+)?"
        r"(?:high|good)|(?:engagement|participation|attendance|take-?up|uptake|satisfaction"
        r"|compliance|retention|stability|performance)\s+(?:is|are|remains?)\s+(?:\w+\s+)?high"
        r"|high\s+(?:aspirations?|expectations|ambitions?|priority|regard|value|levels\s+of"
        r"\s+(?:support|engagement|participation|compliance|satisfaction|stability))",
        notes="what children, carers and staff say they value; high on a good measure",
    ),
    Cue(
        "meets need",
        "strength",
        r"meets?\s+(?:the\s+|their\s+|children's\s+|its\s+)?(?:\w+\s+)?needs|meeting\s+"
        r"(?:the\s+|their\s+)?(?:\w+\s+)?needs|right\s+(?:help|support|time|services?"
        r"|placements?|people)",
        notes="'the local offer meets the needs of care leavers'; 'the right help at the right "
        "time'",
    ),
    Cue(
        "makes a difference",
        "strength",
        r"(?:makes?|made|making)\s+(?:a\s+|all\s+the\s+|the\s+)?(?:\w+\s+)?difference"
        r"|(?:is|are|were|was|feel|feels|felt)\s+(?:very\s+|well\s+)?supported",
        notes="'made all the difference to them'; 'staff feel supported'",
    ),
    Cue(
        "action taken",
        "strength",
        r"(?:action|steps)\s+(?:has|have)\s+(?:\w+\s+)?been\s+taken|(?:took|taken|taking|take)\s+"
        r"(?:\w+\s+)?(?:action|steps)\s+to",
        notes="'action has been taken to strengthen ...'; 'no action' is a weakness, taken earlier",
    ),
    Cue(
        "children heard",
        "strength",
        r"(?:views|voices?|wishes(?:\s+and\s+feelings)?)\s+(?:are|is|were|was)\s+(?:\w+\s+)?"
        r"(?:sought|heard|captured|listened|reflected|considered|taken\s+into\s+account|central"
        r"|recorded|included|evident)",
        notes="'children's views are sought and reflected in their plans'",
    ),
    Cue(
        "understanding",
        "strength",
        r"understands?|understood|understanding",
        confidence="low",
        notes="'leaders understand the barriers' is praise, but the verb is also used for aims",
    ),
    Cue(
        "improvement",
        "strength",
        r"improved|improving|improvements?\s+(?:in|to|have|has|are|is)|(?:has|have)\s+(?:\w+\s+)?"
        r"(?:improved|strengthened)|(?:continue[sd]?|continuing|begun|beginning|started|starting)\s+"
        r"to\s+(?:improve|strengthen)|increasingly|strengthened|enhanced"
        r"|progress(?:ed)?\s+(?:well|has\s+been\s+made)|(?:significant|good|considerable|"
        r"substantial|marked|sustained)\s+(?:\w+\s+)?(?:progress|improvement)",
        notes="'has improved', 'increasingly' (but not 'to improve', an aim)",
    ),
    Cue(
        "benefit",
        "strength",
        r"benefit(?:s|ed|ing|ted|ting)?\s+from|(?<!to\s)(?<!must\s)(?<!should\s)ensure|ensures"
        r"|ensured|ensuring|(?:have|has|had)\s+(?:good\s+|timely\s+|direct\s+)?access\s+to|helps|helped"
        r"|helping|(?<!early\s)(?<!of\s)(?<!the\s)help\s+(?:children|young|them|families|to|care|parents"
        r"|carers|him|her|staff|social|shape|build|identify|develop|reduce|improve|make)"
        r"|enables?|enabled|enabling|(?:is|are|was|were)\s+able\s+to|promotes?|supports?\s+(?:children|young\s+people|care\s+leavers|families)"
        r"\s+(?:well|effectively|to)",
        notes="'children benefit from', 'this ensures' (finite verbs; 'to ensure' is an aim)",
    ),
)

HINTS: tuple[Cue, ...] = (
    # 5. Hints: never decide, only mark a neutral sentence as unsure.
    Cue(
        "hedge or contrast word",
        "hint",
        r"some|a\s+few|a\s+small\s+number|minority|only|however|although|but|challeng\w*"
        r"|difficult\w*|concerns?|risks?|not|no|few|low|high|reduc\w+|increas\w+",
        confidence="low",
    ),
)
