"""`leafletgen check`: content lint that follows patient-information practice.

rules.py       check's selection of the rule registry (leafletgen/rules.py): Finding, finding()
text.py        what a reader reads, unit by unit, with sentences, words and source positions
syllables.py   syllable counts by rule; readability.py  SMOG, Flesch-Kincaid, long sentences
plainenglish.py  jargon explained on first use, wordy words; the list is assets/plain-english.yaml
dates.py, completeness.py, layoutchecks.py  the other concerns
config.py      [check] in leafletgen.toml or pyproject.toml; run.py runs it all
report.py      text and JSON output; schema.py the JSON Schema (the commands are in cli/check.py)
"""
