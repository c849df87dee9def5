"""What each bad claim file in claims/ must be refused with: (line, column, message)."""

CASES = {
    "unknown-key": (8, 5, "unknown key 'atributed_to'; did you mean 'attributed_to'?"),
    "unknown-topic": (7, 12, "unknown topic 'pakistan_delegation.sise'; did you mean 'pakistan_delegation.size'?"),
    "value-wrong-type": (8, 12, "value 'seven people' does not fit topic 'pakistan_delegation.size' (number): expected a number"),
    "label-not-in-codebook": (8, 12, "value 'deadlok' does not fit topic 'talks.outcome' (label): expected one of the labels"),
    "missing-quote": (7, 5, "missing required key 'quote'"),
    "quote-not-in-article": (9, 12, "quote not found in the article a.txt: \"Pakistan's six-member delegation arrived.\"; closest passage (0.90): \"Pakistan's seven-member delegation arrived\" (differs in -six +seven)"),
    "duplicate-key": (9, 5, "duplicate key 'value' (first at line 8)"),
    "tab-indent": (8, 1, "YAML syntax error: a tab character"),
    "list-not-mapping": (1, 1, "the file is a list; a claim file must be a YAML mapping"),
    "empty": (1, 1, "the file is empty"),
    "article-missing": (5, 7, "article '../articles/missing.txt': article not found"),
    "article-outside-root": (5, 7, "article path '../../../../../../../../etc/hostname' points outside the claim set's root"),
    "id-wrong-type": (1, 5, "id: input should be a valid string"),
    "python-tag": (3, 8, "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    "bad-date": (4, 12, "cannot read value '2025-13-40': month must be in 1..12"),
    "unclosed-quote": (9, 13, "YAML syntax error: did not find expected key (is the quote opened on line 3 closed?)"),
    "alias-bomb": (2, 4, "YAML anchors and aliases (&name / *name) are not allowed"),
    "two-documents": (10, 1, "YAML syntax error: the file holds more than one YAML document"),
}
