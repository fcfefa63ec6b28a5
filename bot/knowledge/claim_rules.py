"""The cue words and patterns claims are read with, as data (English and French).

Every pattern runs on folded text (lower case, no accents; see ``bot.core.text.fold``).
Adding a language or a phrasing is a change to these tables, not to the extractor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

REPORTS_TO = "reports_to"
MANAGES = "manages"
CHAIRS = "chairs"
APPOINTS = "appoints"


@dataclass(frozen=True)
class RelationRule:
    pattern: re.Pattern[str]
    verb: str
    passive: bool = False  # "X is chaired by Y": Y chairs X
    reporting: bool = True  # the sentence is about a reporting line (facet "reporting")
    # A distinctive phrase may follow a short verb phrase of its subject ("the PMO can
    # step in and control the actions of the PM").
    loose: bool = False


def _rule(
    pattern: str, verb: str, passive: bool = False, reporting: bool = True, loose: bool = False
) -> RelationRule:
    return RelationRule(re.compile(pattern), verb, passive, reporting, loose)


# Passive rules come first: "is chaired by" must not also read as "chairs".
RELATIONS: tuple[RelationRule, ...] = (
    _rule(r"\b(?:is|are|was|were) (?:usually |normally |always )?chaired by\b", CHAIRS, True),
    _rule(r"\b(?:est|sont) presidee?s? par\b", CHAIRS, True),
    _rule(r"\b(?:is|are) (?:usually |normally )?appointed by\b", APPOINTS, True),
    _rule(r"\b(?:est|sont) nommee?s? par\b", APPOINTS, True),
    _rule(r"\b(?:is|are) (?:usually |normally )?(?:led|headed|directed|run) by\b", MANAGES, True),
    _rule(r"\b(?:is|are) (?:line[- ])?managed by\b", REPORTS_TO),
    _rule(r"\b(?:is|are) supervised by\b", REPORTS_TO),
    _rule(
        r"\b(?:reports?|reporting) (?:also |day to day |each (?:week|month) |[a-z]+ly )?"
        r"(?:in)?to\b",
        REPORTS_TO,
    ),
    _rule(r"\b(?:works?|working) (?:directly )?under\b", REPORTS_TO),
    _rule(r"\bsits? (?:directly )?under\b", REPORTS_TO),
    _rule(
        r"\b(?:is|are) (?:directly |also |personally )?(?:accountable|answerable) to\b", REPORTS_TO
    ),
    _rule(r"\banswers? to\b", REPORTS_TO),
    _rule(r"\brend(?:ent)? (?:directement )?compte (?:a|au|aux)\b", REPORTS_TO),
    _rule(
        r"\b(?:(?:est|sont) )?rattache(?:e|\(e\)|[·.]e)?s? (?:directement )?(?:a|au|aux)\b",
        REPORTS_TO,
    ),
    _rule(r"\btravaill(?:e|ent) sous\b", REPORTS_TO),
    _rule(r"\b(?:est|sont) (?:place(?:e|s|es)? )?sous l'?\s?autorite (?:de|du|des)\b", REPORTS_TO),
    _rule(r"\bsuperieur hierarchique (?:de|du|des|d')", MANAGES),
    _rule(r"\b(?:role )?is (?:higher|senior) than(?: that of)?\b", MANAGES),
    _rule(r"\b(?:is|sits) (?:over (?:and|&) )?above\b", MANAGES),
    _rule(r"\bcontrols? the (?:actions|work|decisions) of\b", MANAGES, loose=True),
    _rule(r"\bha(?:s|ve) (?:line |formal )?authority over\b", MANAGES, loose=True),
    _rule(r"\b(?:is|are) the (?:line )?manager of\b", MANAGES),
    _rule(
        r"\b(?:line[- ]manages|manages|supervises|oversees|directs|heads)\b", MANAGES, False, False
    ),
    _rule(r"\b(?:leads|coaches)(?: and (?:coaches|leads|manages))?\b", MANAGES, False, False),
    _rule(
        r"\b(?:encadre|encadrent|dirige|dirigent|supervise|supervisent)\b", MANAGES, False, False
    ),
    _rule(r"\bchairs?\b|\bpresides? over\b", CHAIRS, False, False),
    _rule(r"\bpreside(?:nt)?\b", CHAIRS, False, False),
    _rule(r"\b(?:appoints?|nominates?)\b", APPOINTS, False, False),
    _rule(r"\bnomme(?:nt)?\b", APPOINTS, False, False),
)

# Words between a subject and its verb that do not break the link ("who usually reports").
LINK_WORDS = frozenset(
    """who which that also usually normally typically generally directly often always still
    then now in turn can could may might must should will would shall does do did is are
    not never n't ne n pas qui aussi souvent toujours generalement directement peut doit
    day to professionally formally functionally and the a an le la l un une est sont""".split()
)
# Words allowed between a relation verb and its object role ("reports to the PMO manager").
OBJECT_LEAD = frozenset(
    """the a an its their his her our your each every one le la les l un une au aux du des
    de d a directly also both either""".split()
)
# Words that may open a sentence before its subject role ("The", "Each", "Nos").
SUBJECT_LEAD = frozenset(
    """the a an our your their its each every any all this that these those one most many
    some both such new le la les l un une des chaque notre nos votre vos ce cet cette ces
    tout tous toute toutes good great effective successful experienced typical dedicated
    skilled strong qualified competent bon bonne role job task function main primary
    purpose of du de d rôle role senior junior associate principal paid volunteer part full
    time interim acting""".split()
)
# "Budget approval rests with the project sponsor", "The plan is approved by the PMO":
# the role after these owns the activity before them.
OWNERS = re.compile(
    r"\b(?:(?:is|are) (?:usually |normally |always |ultimately )?(?:not )?(?:the )?"
    r"(?:responsibility|job|task|role|duty) of"
    r"|(?:rests?|lies|sits) (?:entirely |solely |firmly )?with"
    r"|(?:is|are) (?:usually |normally |always |not )?(?:approved|owned|signed off|run|kept|"
    r"held|maintained|prepared|managed|chaired|led|done|decided|written|produced|set|"
    r"tracked|reviewed|agreed|taken) by"
    r"|(?:incombe|revient|releve) (?:a|au|aux|du|de la)"
    r"|(?:est|sont) (?:valide|validee|valides|approuve|approuvee|pilote|pilotee|prepare|"
    r"preparee|tenu|tenue|redige|redigee)s? par)\b"
)
# "For product managers: ...", "Pour le chef de projet : ...": a role named as a label.
LABEL_LEAD = frozenset("for pour as".split())
# A role followed by one of these is the subject of the clause after it ("We employ a
# project coordinator who keeps the calendar").
RELATIVE = re.compile(r"^\s*,?\s*(?:who|qui)\b")
# ... when an article introduces the role ("a full-time project controller who", not "the
# acronym PMO, which"): the word before it, past its qualifiers.
RELATIVE_ARTICLES = frozenset("a an the one our their its un une le la les l des notre".split())
# Verbs a role's duties open with, as a sentence without a subject does in a role's section
# ("Plans the project and keeps the risk log." under "Project manager"): English base forms
# (also read with -s, -es, -ies), French infinitives and present forms.
DUTY_VERBS = frozenset(
    """plan run lead own manage coordinate keep track prepare chair approve set define
    maintain monitor support organise organize ensure produce review check write gather
    analyse analyze facilitate secure agree sign build deliver escalate act help provide
    identify develop communicate drive oversee consolidate champion represent advise
    challenge assure control forecast schedule allocate arrange book collect chase record
    update publish report decide prioritise prioritize assess estimate measure negotiate
    hold liaise line-manage mentor coach train recruit appoint authorise authorize sponsor
    steer direct supervise govern budget fund brief present document capture map model test
    validate verify audit reconcile compile draft issue log raise resolve handle oversee
    piloter pilote coordonner coordonne animer anime assurer assure garantir garantit suivre
    suit preparer prepare organiser organise definir definit valider valide encadrer encadre
    planifier planifie rediger redige controler controle veiller veille conduire conduit
    gerer gere superviser supervise arbitrer arbitre presider preside consolider consolide
    accompagner accompagne elaborer elabore mettre met tenir tient etablir etablit
    analyser analyse recueillir recueille work travailler travaille""".split()
)
# Words after a first word that make it a noun, not a duty verb ("Plans are approved ...").
NOT_AFTER_DUTY_VERB = frozenset(
    """is are was were will would must should can could may might have has had be been do
    does of for to est sont sera doit doivent peut peuvent""".split()
)
# A pronoun subject stands for the role of the section it is in.
PRONOUNS = frozenset("it they he she il elle ils elles this".split())
FIRST_PERSON = frozenset({"i", "je", "j"})
# A job page speaks to the holder: "You will set the standards ..." in a role's section.
SECOND_PERSON = frozenset({"you", "vous"})
# Words that deny what the sentence says (tokens, after folding).
NEGATIONS = frozenset(
    """not never cannot doesn't don't isn't aren't won't can't shouldn't mustn't wasn't
    didn't hasn't haven't neither nor ne n pas jamais""".split()
)
# "has no say", "takes no decisions": a denial without "not".
HAS_NO = re.compile(r"^(?:\w+ )?(?:has|have|takes?|makes?|holds?|carries|gets?) no\b")
# Between two roles reported to: "..., and professionally to the", "; also to the".
FURTHER_OBJECT = re.compile(
    r"\bto (?:the |its |their |a |an |le |la |l')?$|\b(?:a|au|aux) (?:la |l')?$"
)
# A denial that repeats its negation opens a new denied duty ("and does not approve").
DENIAL_SPLIT = re.compile(
    r"\s*(?:;|,? (?:and|or|nor|et|ni) (?=(?:does not|do not|doesn't|don't|is not|are not|"
    r"never|cannot|ne |n')))"
)

DEFINITION = re.compile(
    r"^(?:(?:is|are) (?:also |usually |typically |generally |simply |basically )?"
    r"(?:a|an|the|one|someone|somebody|any|what|where|our|a kind of|a type of)\b"
    r"|stands for\b|means\b|refers to\b|is short for\b|(?:is|are) (?:also )?(?:called|known as)\b"
    r"|(?:is|are) (?:[a-z][\w-]* ){0,3}?(?:[a-z][\w-]*'s|[a-z][\w-]*s') "
    r"|(?:est|sont) (?:un|une|le|la|l'|l |les|celui|celle|ceux|la personne|l'equipe)"
    r"|designe\b|signifie\b)"
)
RESPONSIBLE = re.compile(
    r"^(?:(?:is|are) (?:also |ultimately |personally )?(?:responsible|accountable) for\b"
    r"|(?:is|are) to\b|(?:'s|s') (?:main |primary |key )?(?:job|role|task|duties|duty)\b"
    r"|(?:is|are) in charge of\b|owns?\b|takes? care of\b|answers? for\b"
    r"|(?:est|sont) (?:aussi )?(?:responsables?|charge(?:e|s|es)?|garante?s?) (?:de|du|des|d')"
    r"|a (?:la )?charge (?:de|du|des)\b)"
)
# A passage opening such as "The senior responsible owner (SRO) is" or "A PMO, or project
# management office, is": the parenthesis or apposition is skipped to reach the verb.
APPOSITION = re.compile(r"^\s*(?:\([^)]{1,80}\)|,[^,]{1,80},)\s*")
# "Project sponsor: owns the business case", "PMO – sets the standards": a role as a term.
SEPARATOR = re.compile(r"^\s*[:–—-]\s+")
# A glossary entry's text under its term ("A senior manager who owns the business case").
DEFINITION_TERM = re.compile(
    r"^(?:a|an|the|one|someone|somebody|la personne|celui|celle|un|une) (?:[\w'-]+ ){0,6}?"
    r"(?:who|that|which|whose|qui|dont|responsible for|in charge of|charge(?:e)? de)\b"
)

# Facet cue words found anywhere in a sentence, tried in this order; the third item, when
# set, matches the weak cues that count only when the sentence names a second role
# ("becomes a project manager" is a career move, "becomes an overhead" is not).
SENTENCE_FACETS: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...] = (
    (
        "certification",
        re.compile(
            r"\b(?:certif\w*|accredit\w*|credentials?|pmp|capm|prince2|pgmp|pfmp|msp|mop|p3o|apm|pmq|"
            r"cbap|ccba|ecba|pmi-\w+|aace|csm|psm|diploma|exams?)\b"
        ),
        None,
    ),
    (
        "career",
        re.compile(
            r"\b(?:careers?|promot(?:ed|ion)|can apply for|(?<!reports )(?<!report )(?<!reporting )"
            r"progress(?:es|ion)? (?:to|into)|(?:moves?|moving) (?:on |up |"
            r"across )?(?:to|into)|becomes?|step up|carriere|evolu\w* vers|peu(?:t|vent) devenir"
            r"|(?:may|can|could) (?:then |later |also )?be appointed|devenir)\b"
        ),
        re.compile(r"becomes?|devenir"),
    ),
    (
        "skills",
        re.compile(
            r"\b(?:skills?|competenc\w+|competences?|abilit(?:y|ies) to|needs? to be|must be able"
            r"|should be able|qualifications?|knowledge of|good (?:at|with)|at ease with"
            r"|savoir[- ]faire|maitrise de|connaissance de)\b"
        ),
        None,
    ),
    (
        "types",
        re.compile(
            r"\b(?:kinds? of|types? of|sorts? of|come in several|several shapes|types? de"
            r"|sortes? de|formes? de)\b"
        ),
        None,
    ),
    (
        "value",
        re.compile(
            r"\b(?:worth (?:its|the|their)|value of|valuable|advantages?|avantages?|valeur"
            r"|why (?:a|an|the|we) )"
        ),
        None,
    ),
)

# "progress to" after a reporting verb is the noun ("reports overall progress to the
# board", "report on progress to the sponsor"), not a career move.
PROGRESS_REPORTED = re.compile(r"\b(?:report\w*|rend\w* compte)(?: [\w'-]+){0,2} $")

# What a labelled line, or a heading that is such a label, says its text is about: the
# labels of job pages and handbook job families ("Scope:", "You will:", "Nice to have:",
# "Activités principales"), tried before the heading facets below. Anchored at the start:
# they are labels, not words anywhere in a title.
LABEL_FACETS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "skills",
        re.compile(
            r"^(?:nice to have|desirable|essential|requirements?|must have|you have|you bring"
            r"|person specification|candidate profile|skills and experience"
            r"|what you(?:'ll| will)? bring|what you(?:'ll| will)? need|what we(?:'re| are)? "
            r"looking for|experience|profile|profil(?: recherche)?|competences?(?: requises)?"
            r"|savoir[- ](?:faire|etre)|qualites|atouts?|formation|connaissances)\b"
        ),
    ),
    (
        "responsibilities",
        re.compile(
            r"^(?:you will|you'll|in this role,? you(?: will)?|what you(?:'ll| will)? do"
            r"|key (?:tasks|duties|responsibilities|activities)|main (?:tasks|duties|activities)"
            r"|day[- ]to[- ]day|duties|responsibilities|tasks|missions?(?: principales)?"
            r"|what (?:they|it|the role|you|he|she) (?:do|does)|what they are for"
            r"|vos missions|activites(?: principales)?|principales (?:missions|activites"
            r"|responsabilites)|responsabilites)\b"
        ),
    ),
    (
        "reporting",
        re.compile(
            r"^(?:reports? to|reporting line|line manager|rattachement(?: hierarchique)?"
            r"|rattache(?:e|\(e\))? (?:a|au)|sous la responsabilite(?: d[eu])?|n\+1"
            r"|superieur hierarchique|manager direct|responsable hierarchique)\b"
        ),
    ),
    (
        "career",
        re.compile(
            r"^(?:next steps?|progression|where (?:it|this role) (?:can )?leads?|career path"
            r"|evolutions?(?: possibles?| professionnelles?)?|perspectives(?: d'evolution)?)\b"
        ),
    ),
    (
        "definition",
        re.compile(
            r"^(?:scope|purpose|role purpose|job purpose|(?:role |job )?summary|in short|overview"
            r"|(?:main |overall )?purpose of the (?:role|post|job|position)|main purpose"
            r"|about the role|raison d'etre|finalite(?: du poste)?)\b"
        ),
    ),
)
# A label opening a line: "Scope: ...", "You will:", "**Requirements:**" (folded text).
LABEL = re.compile(r"^\s*([a-z][a-z0-9'()+ -]{1,40}?)\s*(?::|[–—]|-(?=\s))(?:\s+|$)")
LABEL_MAX_WORDS = 4

# A job posting's own label before the role it names: "Fiche de poste : Analyste PMO",
# "Job description – PMO analyst" (folded).
POSTING_LABEL = re.compile(
    r"^(?:fiche de poste|fiche metier|offre d'emploi|intitule du poste|poste|job description"
    r"|role title|role name|job name|post title|position title"
    r"|job profile|role profile|job title|job|role|position|vacancy|job opening|opening"
    r"|we(?:'re| are) hiring|now hiring|recrutement|nous recrutons)$"
)
# A level's code before its title in a job family: "P3", "Level 2", "Grade B1", "IC4".
LEVEL_LABEL = re.compile(
    r"^(?:(?:level|grade|band|step|tier|niveau|echelon|classe) ?)?[a-z]{0,3} ?\d{1,2}[a-z]?$"
)
# A field naming the page's role: "Role title: Project Analyst", "Intitulé du poste : ...".
TITLE_FIELD = re.compile(
    r"^\s*(?:role|job|post|position)(?: title| name)?\s*:\s*|^\s*(?:intitule du poste"
    r"|intitule|poste|fonction|emploi)\s*:\s*"
)
# A noun for the job itself that stands for the section's role as a subject: "Le poste est
# rattaché au ...", "The postholder reports to ...", unless "of" follows ("the role of").
POST_NOUNS = frozenset("poste post position postholder jobholder titulaire".split())
OF_WORDS = frozenset("of de du des d".split())

# A list run into a paragraph: "(a) plan ...; (b) report ...", "a) ..., b) ...", "(i) ...".
RUN_IN_MARK = re.compile(r"(?:(?<=[\s:;,—–-])|^)\(?([a-z]|[ivx]{1,4}|\d{1,2})\)\s+(?=\S)")
RUN_IN_FIRST = frozenset({"a", "i", "1"})
RUN_IN_ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
# A line of duties run on after a label ("You will: plan ..., chase ... and ..."): split at
# commas and semicolons (", and" too), kept whole below three duties.
DUTY_SEPARATOR = re.compile(r"\s*[;,]\s+(?:and\s+|or\s+|et\s+)?")
MIN_RUN_ON_DUTIES = 3
# "You will set ...", "Vous assurez ...": a job page's duties without a colon (folded).
DUTY_OPENING = re.compile(r"^\s*(?:you will|you'll|in this role,? you will)\s+(?=[a-z])")
# What separates run-in items: "; and", ", or", a closing full stop or semicolon.
RUN_IN_SEPARATOR = re.compile(r"(?:\s*[;,.]\s*(?:and|or|et|ou)?|\s+(?:and|or|et|ou))\s*$")

# What a heading says its section is about, tried in this order.
HEADING_FACETS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("certification", re.compile(r"\b(?:certifications?|certificates?|accreditations?)\b")),
    (
        "skills",
        re.compile(
            r"\b(?:skills?|competenc\w*|competences?|qualifications?|requirements"
            r"|(?<!role )(?<!job )profile|profil"
            r"|what we look for|we look for|you will (?:need|bring)|aptitudes|savoir[- ]etre)\b"
        ),
    ),
    (
        "reporting",
        re.compile(
            r"\b(?:reports? to|reporting|who reports|line management|rattachement|hierarchi\w*"
            r"|organigramme)\b"
        ),
    ),
    (
        "career",
        re.compile(
            r"\b(?:careers?|progression|paths?|ladders?|where this role can lead|growth"
            r"|carriere|evolution|moving (?:up|on|between)|promotions?)\b|^from .+ to .+"
        ),
    ),
    ("types", re.compile(r"\b(?:kinds|types|sorts|models|flavours)\b")),
    ("value", re.compile(r"\b(?:why|benefits?|value|advantages?|pourquoi|avantages?)\b")),
    (
        "definition",
        re.compile(
            r"\b(?:definitions?|about the role|overview|what is|what are|plain words"
            r"|qu'est-ce|presentation|glossary|glossaire)\b"
        ),
    ),
    (
        "responsibilities",
        re.compile(
            r"\b(?:responsibilit\w*|duties|what you will do|what .+ does?|accountabilit\w*"
            r"|tasks|activities|missions?|your role|responsabilites|taches|activites"
            r"|who does what)\b"
        ),
    ),
)

# Sections that say nothing about a role however role-like the page: how to apply, pay,
# the employer's perks, contacts, the page's own history.
SKIP_HEADINGS = re.compile(
    r"\b(?:hiring process|how to apply|apply now|application process|interview process"
    r"|compensation|salary|pay and benefits|employee benefits|perks|equal opportunit\w*"
    r"|about us|about the company|who we are|contact us|contacts?|need help|references"
    r"|see also|further reading|footnotes|changelog|revision history|document history"
    r"|version history|similar jobs|related (?:jobs|pages|articles|posts)|comments"
    r"|remuneration|pour postuler|comment postuler|candidature|avantages sociaux"
    r"|nous contacter|qui sommes-nous|what we offer|ce que nous offrons|nous offrons"
    r"|^conditions(?: de travail| d'emploi| du poste)?$)\b"
)

# A list's introduction saying the items are the members of a body.
MEMBERS = re.compile(
    r"\b(?:its |the )?(?:members|membership|made up of|composed of|consists of|sit on"
    r"|membres|compose de|composee de)\b[^.]*:\s*$"
)

# A table column that describes the role of its row: "Description", "Summary".
DESCRIPTION_COLUMN = re.compile(
    r"^(?:role |main |job )?(?:descriptions?|summary|definition|what it is|purpose|mission"
    r"|raison d'etre|finalite)$"
)

# A table column naming the role of its row, and one naming who holds it today (folded).
ROLE_COLUMN = re.compile(
    r"^(?:role|roles|job|job title|title|position|post|role title|poste|fonction|intitule)$"
)
PEOPLE_COLUMN = re.compile(
    r"^(?:who|name|names|holder|current holder|held by|person|people|contact|email|e-mail"
    r"|qui|nom|noms|titulaire|interlocuteur)$"
)

# A row of a job's key-value table that says nothing about the role ("Location | Leeds").
NOT_KNOWLEDGE_ROW = re.compile(
    r"^(?:location|based in|salary|pay|pay band|grade|band|contract|contract type|hours"
    r"|working hours|closing date|start date|reference|ref|vacancy number|lieu|salaire"
    r"|remuneration|contrat|type de contrat|horaires|date de debut|reference)$"
)

# Lines that are about the office, not a role: hours, parking, canteens, passwords, pay.
CLUTTER = re.compile(
    r"\b(?:opening hours|open(?:s)? from|(?:is|are) open \d|offices? (?:are |is )?(?:open|close)"
    r"|closed on|close at|parking|car park|canteen|restaurant d'entreprise|newsletter|subscribe"
    r"|sign up|password|laptop|reception|salary|salaire|extension \d|bank holidays?"
    r"|page views|unsubscribe|bake-off|menu starts|payroll|pension|printed copies"
    r"|copyright|all rights reserved|lieu ?:|type de contrat|contrat ?:|location ?:"
    r"|contract type|contract of employment|offer letter|contrat de travail)"
)

# A page's own metadata fields, never a role: "Document owner: ...", "Page owner: ...".
METADATA_LABEL = re.compile(
    r"^(?:document|page|file|content|site|article|post|record|data|version|review|last)\b"
)

# Head words of job titles and governance bodies, for candidate roles.
TITLE_HEADS = frozenset(
    """manager owner officer lead leader director board committee council analyst coordinator
    controller sponsor architect engineer master champion administrator assistant specialist
    consultant user supplier chair chairperson head executive steward partner adviser advisor
    planner scheduler expert designer developer tester auditor secretary office officer
    coach facilitator captain maintainer committer reviewer editor treasurer liaison
    ambassador moderator""".split()
)
# French titles put their head word first ("chef de projet", "comité de pilotage").
TITLE_HEADS_FIRST = frozenset(
    """chef cheffe responsable directeur directrice comite gestionnaire coordinateur
    coordinatrice analyste controleur controleuse referent referente pilote""".split()
)
# Words that never end or open a job title even before a head word.
NOT_TITLE_WORDS = frozenset(
    """what who how why when where which is are a an the our your of for and or to in on
    with from about this that these those their its my me you we they what's quels quel
    quelle""".split()
)
ALIAS_CUES = re.compile(
    r",?\s*\b(?:(?:is |are )?(?:also|sometimes|often|commonly) (?:called|known as|referred to as"
    r"|named)|(?:aussi|egalement|parfois) (?:appelee?s?|nommee?s?)|appelee?s? aussi|dite?s?)\s+"
)
STANDS_FOR = re.compile(r"\b(?:stands for|is short for|signifie|veut dire)\s+")
