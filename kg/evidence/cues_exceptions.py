"""Cue rows that run first: descriptive phrases and negation that is praise.

These rows exist to take words away from the weakness rows: 'children who are not in
education' describes children, and 'without delay' praises a service, so neither may
be read as the shortfalls 'not' or 'delay'. See ``kg.evidence.cues`` for the precedence.
"""

from __future__ import annotations

from kg.evidence.cue import Cue

__all__ = ["DESCRIPTIVE", "PRAISING_NEGATION"]

_NEGATIVES = (
    r"(?:delay(?:s|ed)?|drift|backlogs?|waiting lists?|disruptions?|breakdowns?|gaps?"
    r"|exclusions?|excluded|unallocated|complacen(?:t|cy)|duplication|missed|lost|overlooked"
    r"|disadvantaged|forgotten|left\s+waiting|wait(?:s|ing)?|unnecessary|unsafe|harmed"
    r"|repeat(?:ing)?\s+their\s+stor(?:y|ies)|tell\s+their\s+stor(?:y|ies)\s+again"
    r"|placed\s+in\s+bed\s+and\s+breakfast|bed\s+and\s+breakfast|concerns?|weaknesses"
    r"|complaints?|shortfalls?|deficits?|exposed)"
)
"""Things whose absence is praise ('no delays', 'without drift', 'never missed')."""

DESCRIPTIVE: tuple[Cue, ...] = (
    # 1. Descriptive phrases: their negative-looking words describe children, not services.
    Cue(
        "not only (additive)",
        "neutral",
        r"not\s+(?:only|just|least)",
        notes="'not only X but also Y' adds praise; 'not least' introduces a reason",
    ),
    Cue("whether or not", "neutral", r"whether\s+or\s+not|if\s+not|or\s+not"),
    Cue(
        "descriptive negation (who-clause)",
        "neutral",
        r"who\s+(?:\w+\s+)?(?:not|cannot|no\s+longer)"
        r"(?!\s+(?:always|consistently|routinely|sufficiently|yet|been\s+seen|been\s+visited"
        r"|had\s+(?:their|a|an|the|sufficient)|received|receive|get|been\s+offered))",
        notes="'children who are not in school', 'young people who do not wish to' describe "
        "children; 'who do not always ...' still counts as a weakness",
    ),
    Cue(
        "descriptive negation (status)",
        "neutral",
        r"not\s+(?:(?:currently|yet)\s+)?(?:in\s+(?:education|employment|training|eet"
        r"|full-time|receipt|school|touch|contact|any\s+form)|subject\s+to|looked\s+after"
        r"|on\s+roll|registered|eligible|attending|ready\s+to|wish(?:ing)?\s+to|want(?:ing)?\s+to"
        r"|need(?:ing)?\s+to\s+(?:be|come)|(?:yet\s+)?meet(?:ing)?\s+(?:the\s+)?(?:threshold|criteria))",
        notes="NEET status, thresholds not met, choices of young people",
    ),
    Cue(
        "descriptive negation (care status)",
        "neutral",
        r"(?:cannot|can\s+not|could\s+not|unable\s+to|no\s+longer)\s+(?:\w+\s+)?"
        r"(?:live|remain|return|stay|be\s+cared\s+for|safely)(?:\s+safely)?",
        notes="'children who cannot live with their parents' is a fact about the child",
    ),
    Cue(
        "chosen not to",
        "neutral",
        r"(?:choose|chose|chosen|choosing|decide|decided|decides|prefer|preferred|opt|opted)"
        r"\s+not\s+to",
        notes="a young person's choice, not a failing of the service",
    ),
    Cue(
        "respecting choice",
        "neutral",
        r"cannot\s+be\s+(?:forced|rushed|made)|(?:do|does|did)\s+not\s+want",
        notes="respect for a young person's choice is not a failing of the service",
    ),
    Cue("no further action", "neutral", r"no\s+further\s+(?:action|involvement)"),
    Cue(
        "named tool or model",
        "neutral",
        r"strengths?\s+and\s+difficulties|strengths?-based|signs\s+of\s+safety|"
        r"risks?\s+and\s+strengths|strengths\s+and\s+(?:risks|needs|weaknesses\s+of\s+(?:each|the)\b)",
        notes="names of questionnaires and practice models",
    ),
    Cue(
        "set phrase",
        "neutral",
        r"as\s+well\s+as|well-?being|as\s+well|ensure(?:s|d)?\s+that\s+(?:they|children)\s+are"
        r"\s+not|to\s+(?:ensure|make\s+sure|check)\b(?:\s+[\w'-]+){0,6}?\s+(?:not|no)\b",
    ),
    Cue(
        "service name",
        "neutral",
        r"early\s+help|help\s+and\s+protection|support\s+and\s+protect|adoption\s+support"
        r"|family\s+support|short\s+breaks",
        notes="'early help' is a service, not praise; naming it says nothing about quality",
    ),
    Cue(
        "comparison",
        "neutral",
        r"well\s+(?:below|above|under|over|within|ahead|behind)",
        notes="'well below the target' is a comparison whose sense depends on the measure",
    ),
    Cue(
        "others need to improve",
        "neutral",
        r"(?:authorities|councils|areas|partners)\s+(?:who|that|which)\s+need\s+to\s+improve",
    ),
    Cue(
        "hypothetical harm",
        "neutral",
        r"(?:at\s+risk\s+of|vulnerable\s+to|risk\s+of|prevent(?:s|ing)?|avoid(?:s|ing)?)\s+"
        r"(?:\w+\s+){0,2}?(?:poor|harm|exploitation)\w*",
        notes="'children at risk of poor outcomes' names a risk, not a failing",
    ),
)
"""Neutral rows: they consume their words so that nothing inside them votes."""

PRAISING_NEGATION: tuple[Cue, ...] = (
    # 2. Negation that is praise.
    Cue(
        "negation that is praise",
        "strength",
        r"(?:not|no|never|without|nor)\s+(?:(?:any|an?|the|further|significant|undue|"
        r"unnecessary|evidence\s+of|longer|have\s+to|need\s+to|experience[sd]?|experiencing|"
        r"children|child|young\s+people|cases?|visits?)\s+){0,3}" + _NEGATIVES,
        notes="'no delays', 'without unnecessary delay', 'do not experience drift', "
        "'not complacent', 'no children are placed in bed and breakfast'",
    ),
    Cue(
        "negation that is praise",
        "strength",
        r"(?:not|never)\s+(?:been\s+)?(?:complacent|disadvantaged|left\s+without|given\s+up|"
        r"give\s+up|stop(?:s|ped)?)",
    ),
    Cue(
        "negation that is praise",
        "strength",
        r"no\s+longer\s+(?:\w+\s+){0,2}(?:wait|waiting|placed|drift|delay|inadequate|experienc"
        r"|used|left|a\s+concern|an\s+issue|a\s+problem|tolerated|have\s+to)\w*",
        notes="'no longer wait', 'no longer inadequate' report an improvement",
    ),
    Cue(
        "negation that is praise",
        "strength",
        r"(?:no|none\s+of\s+the)\s+(?:children|child|young\s+(?:people|person)|care\s+leavers?)"
        r"\s+(?:\w+\s+){0,3}?(?:found|seen|identified|known|left|placed|living|missing"
        r"|excluded|harmed|waiting|homeless|evicted|at\s+risk)",
        notes="'no children were found to be at risk' is a clean bill of health",
    ),
    Cue(
        "negation that is praise",
        "strength",
        r"not\s+(?:\w+\s+){0,4}?(?:longer\s+than\s+(?:is\s+)?(?:necessary|needed)|unnecessar\w+"
        r"|unduly)",
        notes="'children are not remaining in care longer than is necessary'",
    ),
    Cue(
        "negation that is praise",
        "strength",
        r"(?:bed\s+and\s+breakfast|b&b)\s+(?:\w+\s+){0,4}?(?:is|are|was|were|has\s+been)\s+"
        r"(?:\w+\s+)?not\s+used|not\s+(?:find|see|identify|found|seen|identified)\s+(?:any\s+)?"
        r"(?:evidence|children|cases|examples)\s+(?:[\w'-]+\s+){0,20}?(?:at\s+(?:immediate\s+)?risk"
        r"|unsafe|harm\w*|left)",
        notes="'bed and breakfast accommodation is not used'; 'inspectors did not find any "
        "children at immediate risk'",
    ),
    Cue(
        "few of a bad thing",
        "strength",
        r"(?:very\s+)?(?:few|fewer|low(?:er)?(?:\s+(?:numbers?|levels?|rates?)\s+of)?)\s+(?:\w+\s+){0,3}?"
        r"(?:complaints|delays|exclusions|disruptions?|breakdowns?|go\s+missing|placement\s+moves"
        r"|turnover|vacanc(?:y|ies)|sickness|agency\s+(?:staff|workers)|caseloads)",
        notes="'very few children go missing', 'low turnover'",
    ),
    Cue(
        "reduced a bad thing",
        "strength",
        r"(?:reduc|minimi[sz]|avoid|prevent|tackl|eliminat|clos|narrow|lower)\w*\s+(?:\w+\s+){0,3}?"
        r"(?:delay|drift|backlog|caseload|turnover|vacanc|gap|duplicat|risk|reliance|waiting"
        r"|disruption|uncertaint|agency)\w*",
        notes="'reducing caseloads', 'avoid drift', 'the gap is narrowing'",
    ),
    Cue(
        "reduced a bad thing",
        "strength",
        r"(?:moves|disruptions?|delays?|risks?|drift|waiting\s+times|caseloads)\s+(?:is|are|has\s+been"
        r"|have\s+been|were|was)\s+(?:\w+\s+)?(?:minimi[sz]ed|reduced|avoided|prevented|low|addressed"
        r"|tackled|challenged|resolved)",
        notes="'moves are minimised'",
    ),
    Cue(
        "resolved a bad thing",
        "strength",
        r"(?:delay|drift|backlog|gap|shortfall|weakness|deficit)\w*\s+(?:[\w'-]+\s+){0,8}?"
        r"(?:has|have)\s+(?:\w+\s+){0,2}?(?:been\s+)?(?:resolved|reduced|eliminated|cleared"
        r"|addressed|rectified|remedied)",
        notes="'the delays ... have been resolved' reports an improvement",
    ),
    Cue(
        "progress on weaknesses",
        "strength",
        r"(?:(?:made|make|making|makes)\s+(?:\w+\s+)?)?(?:progress|action|improvements?)\s+"
        r"(?:against|on|in\s+addressing|with|to\s+address)"
        r"\s+(?:\w+\s+){0,6}?(?:areas?\s+for\s+(?:improvement|development)|recommendations"
        r"|weaknesses|shortfalls)",
        notes="'good progress against the areas for improvement': the weakness is the past",
    ),
    Cue(
        "addressing weaknesses",
        "strength",
        r"(?:address|tackl|remed|rectif)\w*\s+(?:\w+\s+){0,3}?(?:areas?\s+of\s+weakness"
        r"|weaknesses|shortfalls|deficits|deficiencies)",
        notes="'action plans ... address identified areas of weakness' is action, not a failing; "
        "'does not sufficiently address the weaknesses' is taken earlier by 'not sufficiently'",
    ),
    Cue(
        "knows what to improve",
        "strength",
        r"(?:aware|know|knows|known|understand|understands|recognise|recognises|recognised"
        r"|identified|identify|identifies)\s+(?:of\s+)?(?:\w+\s+){0,3}?(?:what|where|the\s+areas?"
        r"|areas?|their\s+strengths\s+and)\s+(?:\w+\s+){0,3}?(?:needs?\s+(?:to\s+)?(?:improv"
        r"|develop|strengthen|chang)\w*|for\s+(?:improvement|development)|weaknesses)"
        r"|identif(?:y|ies|ied|ying)\s+(?:any\s+|the\s+)?(?:gaps|weaknesses|shortfalls|areas\s+for)"
        r"|(?:aware|awareness|understanding|knowledge)\s+of\s+(?:\w+\s+){0,3}?(?:weakness(?:es)?"
        r"|shortfalls?|areas\s+for\s+(?:improvement|development))",
        notes="leaders who know what needs to improve are praised for self-knowledge; a "
        "shortfall named in the same sentence still counts",
    ),
    Cue(
        "conditional negation",
        "neutral",
        r"(?:if|unless|when|where)\s+(?:[\w'-]+\s+){0,4}?(?:not|cannot|\w+n['’]t)"
        r"(?!\s+(?:always|consistently|routinely|sufficiently|yet|well|fully|as\s|good|effective"
        r"|timely|clear|robust|thorough))(?:\s+[\w'-]+){0,4}",
        notes="'if care leavers do not make progress, actions are agreed', 'when concerns do not "
        "reduce': a contingency; 'where plans are not always ...' still counts",
    ),
    Cue(
        "challenging shortfalls",
        "strength",
        r"challeng\w*\s+(?:any\s+|the\s+|poor\s+)?(?:shortfalls|drift|delay|poor\s+practice)",
        notes="IROs who challenge shortfalls are praised",
    ),
    Cue(
        "care only when needed",
        "strength",
        r"only\s+(?:come|become|enter|are\s+taken)\s+(?:into\s+)?(?:care|looked\s+after)",
    ),
    Cue(
        "numbers low",
        "strength",
        r"(?:turnover|vacanc(?:y|ies)|sickness|caseloads|workloads|agency\s+use|exclusions"
        r"|complaints|drop-?out|re-?referral|repeat|breakdown|disruption)\w*\s+(?:[\w'-]+\s+){0,6}?"
        r"(?:is|are|remains?|have\s+been|has\s+been)\s+(?:\w+\s+)?"
        r"(?:low|manageable|reduced|reducing|stable)",
    ),
)
"""Strength rows built on a negation or a reduction of something bad."""
