"""The words of offices, ranks and honorifics that stand before a person's name and are not part of it.

Apart from people.py, which reads names with them, so that modules people.py itself reads by (the
lemmas of learn.py) can use them too without importing in a circle. Roles of any other kind ("Norlandic
singer Piet Rask") are told by their place before a name (people.role_noun), not listed here.
"""

from __future__ import annotations

#: Words for offices and ranks that stand before a name and are not part of it.
TITLE_WORDS = {
    "minister", "deputy", "interior", "defence", "defense", "foreign", "prime", "president", "vice", "chief",
    "secretary", "spokesperson", "spokesman", "spokeswoman", "ambassador", "envoy", "special", "representative",
    "acting", "senior", "head", "director", "commander", "army", "field", "marshal", "general", "state",
    "affairs", "information", "finance", "trade", "commerce", "home", "justice", "security", "national",
    "adviser", "advisor", "governor", "mayor", "senator", "lawmaker", "speaker", "leader", "chairman", "chair",
    "judge", "king", "queen", "prince", "emir", "sultan", "officer", "colonel", "major", "captain",
    "lieutenant", "brigadier", "admiral", "sergeant", "former", "federal", "provincial", "military",
    "intelligence", "supreme", "first", "lady", "negotiator", "delegate", "chief's", "premier", "cabinet",
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sen", "rep", "gov", "sir", "dame", "lord",
    "minister's", "ministry", "of", "the", "for", "respected", "honourable", "honorable",
    "us", "u.s", "un", "u.n", "uk", "eu", "editor", "reporter", "correspondent", "analyst", "expert",
    "economist", "diplomat", "prefect", "inspector", "superintendent", "attorney", "prosecutor", "lawyer",
    "counsel", "spokesperson's", "official", "detective",
    # clergy, nobility and parliaments' ranks: "Archbishop Tomas Vale", "Duchess Ana", "MP Lena Ort"
    "cardinal", "pope", "pontiff", "archbishop", "bishop", "rev", "reverend", "monsignor", "msgr", "pastor",
    "priest", "deacon", "protodeacon", "patriarch", "imam", "rabbi", "sheikh", "cleric", "prior", "abbot",
    "emperor", "empress", "princess", "duke", "duchess", "baron", "baroness", "mp", "mep", "congressman",
    "congresswoman", "councillor", "councilor", "alderman",
}
