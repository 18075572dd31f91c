"""The default synonym groups for the directory's search: a general Danish list.

Why a core default and not the municipality's data file: the data file holds only what the
municipality's documents say, and no document lists synonyms. A synonym list is an editorial
search aid, language rather than local rules, like the Danish stemmer PostgreSQL ships; every
site, real or demo, needs it from the first search. So migration 0013 installs this list once,
and from then on the municipality edits the groups in the admin (Search synonyms); a later
change to this file reaches only new sites.

Each group is words a citizen may type for the same need; the search finds any of them, each
also as the start of a compound word ("ældre" finds "ældreklub").
"""

DEFAULT_GROUPS = [
    "ensom, ensomme, ensomhed, alene, isolation, isoleret",
    "ældre, seniorer, pensionister, gamle, alderdom",
    "sorg, tab, efterladte, enke, enkemand, død, dødsfald",
    "gæld, gældsrådgivning, økonomi, penge, budget",
    "demens, demente, demensramte, hukommelse, alzheimer",
    "strik, strikke, strikning, hækling, håndarbejde",
    "hjerte, hjertepatienter, hjertesygdom, hjerteforeningen",
    "flygtninge, indvandrere, integration, nydanskere, tosprogede",
    "sprog, dansk, danskundervisning, sprogcafé",
    "lektier, lektiehjælp, lektiecafé, skole",
    "angst, depression, psykisk, mistrivsel, trivsel",
    "pårørende, familie, ægtefælle",
    "besøgsven, besøgsvenner, besøg, selskab",
    "spisning, fællesspisning, mad, måltid, spisefællesskab",
    "motion, gåtur, gåture, gågruppe, bevægelse, træning",
    "kørsel, transport, kørselsven, bil",
    "handicap, handicappede, funktionsnedsættelse",
    "kræft, cancer, kræftpatienter",
    "misbrug, alkohol, afhængighed, stoffer",
    "hjemløse, hjemløshed, udsatte",
    "computer, it, digital, nemid, mitid",
]


def install_defaults(synonym_model):
    """Add the default groups that are missing (the model may be a migration's historical one)."""
    existing = set(synonym_model.objects.values_list("words", flat=True))
    synonym_model.objects.bulk_create(
        synonym_model(words=words) for words in DEFAULT_GROUPS if words not in existing
    )
