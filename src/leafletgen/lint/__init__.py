"""`leafletgen check`: content lint that follows patient-information practice.

rules.py       every rule id with its severity (the registry the others ask)
text.py        what a reader reads, unit by unit, with sentences, words and source positions
syllables.py   syllable counts by rule; readability.py  SMOG, Flesch-Kincaid, long sentences
plainenglish.py  jargon explained on first use, wordy words; the list is assets/plain-english.yaml
dates.py, completeness.py, layoutchecks.py  the other concerns
config.py      [check] in leafletgen.toml or pyproject.toml; run.py runs it all
report.py      text and JSON output; command.py the click commands; schema.py the JSON Schema
"""
