"""Readability figures: the published worked examples, and agreement with textstat 0.7.8
(whose syllable counts come from the CMU pronouncing dictionary) on fixed texts."""

from __future__ import annotations

import pytest
import textstat

from leafletgen.lint import syllables
from leafletgen.lint.readability import Scores, score
from leafletgen.lint.text import Locator, sentences, units, words
from leafletgen.load import load_leaflet
from conftest import SAMPLE

# Prose of the kind leaflets hold; every sentence has more than two words, so that
# textstat (which skips sentences of one or two words) counts sentences as we do.
HEALTH_TEXT = (
    "Chemotherapy uses anti-cancer drugs to destroy cancer cells. You usually have "
    "chemotherapy as an outpatient, in cycles of treatment followed by a rest period. Your "
    "specialist will explain the possible side effects before you start. Common side effects "
    "include tiredness, feeling sick, hair loss and a higher risk of infection. Radiotherapy "
    "uses high-energy rays to treat the area where the tumour was. Hormone therapy lowers the "
    "level of oestrogen in the body or stops it from reaching the cancer cells. A biopsy is "
    "when a doctor takes a small sample of tissue to look at under a microscope. Lymphoedema "
    "is swelling of the arm, hand or breast area caused by a build-up of fluid. Palliative "
    "care aims to control symptoms and improve your quality of life. Tell your doctor straight "
    "away if you feel unwell. Some people have immunotherapy, which helps the immune system "
    "recognise and attack cancer cells. It is important to eat well and to stay as active as "
    "you can. Anxiety and depression are common, and help is available. Diabetes is a "
    "condition where the amount of sugar in your blood is too high. Insulin is a hormone that "
    "helps glucose move from your blood into your cells, where it is used for energy. Signs "
    "of a hypo include sweating, shaking, feeling hungry, blurred vision and confusion. An "
    "occupational therapist can suggest equipment to make daily activities easier. Remember "
    "to bring your glasses, hearing aids and walking stick to hospital.")


@pytest.mark.parametrize("text, words_, syllables_, reading_ease", [
    # Flesch's own examples (Flesch 1949, as quoted in Wikipedia's Flesch-Kincaid article).
    ("The cat sat on the mat.", 6, 6, 116.1),
    ("This sentence, taken as a reading passage unto itself, is being used to prove a point.",
     16, 23, 69.0),
    ("The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.",
     13, 24, 37.5),
])
def test_published_flesch_examples(text, words_, syllables_, reading_ease):
    found = score([text])
    assert (found.sentences, found.words, found.syllables) == (1, words_, syllables_)
    ease = 206.835 - 1.015 * found.words / found.sentences - 84.6 * found.syllables / found.words
    assert round(ease, 1) == reading_ease
    assert found.flesch_kincaid_grade == pytest.approx(0.39 * words_ + 11.8 * syllables_ / words_
                                                       - 15.59)


def test_smog_formula():
    # McLaughlin: 30 sentences with 30 words of 3+ syllables is about grade 8.8.
    assert Scores(30, 400, 600, 30).smog_grade == pytest.approx(1.043 * 30 ** 0.5 + 3.1291)
    assert Scores(10, 100, 150, 10).smog_grade == Scores(30, 300, 450, 30).smog_grade
    assert Scores().smog_grade == 0 and Scores().reading_age() == 5
    assert Scores(30, 400, 600, 30).reading_age() == pytest.approx(Scores(30, 400, 600, 30)
                                                                   .smog_grade + 5)


def test_figures_agree_with_textstat_on_health_text():
    ours = score([HEALTH_TEXT])
    assert ours.sentences == textstat.sentence_count(HEALTH_TEXT)
    assert ours.words == textstat.lexicon_count(HEALTH_TEXT)
    assert ours.syllables == pytest.approx(textstat.syllable_count(HEALTH_TEXT), rel=0.02)
    assert ours.polysyllables == pytest.approx(textstat.polysyllabcount(HEALTH_TEXT), abs=2)
    assert ours.smog_grade == pytest.approx(textstat.smog_index(HEALTH_TEXT), abs=0.3)
    assert ours.flesch_kincaid_grade == pytest.approx(
        textstat.flesch_kincaid_grade(HEALTH_TEXT), abs=0.3)


def test_counts_agree_with_textstat_on_the_sample_leaflet():
    leaflet = load_leaflet(SAMPLE)
    prose = [u.text for u in units(leaflet, Locator(leaflet.source))
             if u.is_prose and u.scope == "leaflet"]
    text = " ".join(t if t.endswith((".", "?", "!")) else t + "." for t in prose)
    ours = score(prose)
    assert (ours.words, ours.syllables, ours.polysyllables) == (
        textstat.lexicon_count(text), textstat.syllable_count(text),
        textstat.polysyllabcount(text))
    # textstat skips "the bones." and the other one- and two-word list items as sentences;
    # we count every list item as a sentence.
    short_items = sum(len(words(t)) <= 2 for t in prose)
    assert ours.sentences == textstat.sentence_count(text) + short_items


def test_syllable_counter_agrees_with_the_pronouncing_dictionary():
    vocabulary = sorted({w.lower() for w in words(HEALTH_TEXT + " " + SAMPLE.read_text())
                         if w.isalpha()})
    agree = [syllables.count(w) == textstat.syllable_count(w) for w in vocabulary]
    assert sum(agree) / len(agree) >= 0.97
    polysyllabic = [(syllables.count(w) >= 3) == (textstat.syllable_count(w) >= 3)
                    for w in vocabulary]
    assert sum(polysyllabic) / len(polysyllabic) >= 0.98


@pytest.mark.parametrize("word, count", [
    ("the", 1), ("table", 2), ("tables", 2), ("settled", 2), ("used", 1), ("wanted", 2),
    ("changes", 2), ("makes", 1), ("radiotherapy", 6), ("usually", 4), ("being", 2),
    ("metastasis", 4), ("lymphatic", 3), ("sometimes", 2), ("step-free", 2), ("CT", 2),
    ("MRI", 3), ("2026", 1), ("carefully", 3), ("tissues", 2),
])
def test_syllables_of_words(word, count):
    assert syllables.count(word) == count


def test_sentences_split_at_stops_not_at_abbreviations():
    assert sentences("Take it e.g. with food. Then rest! Is it done? yes") == [
        "Take it e.g. with food.", "Then rest!", "Is it done?", "yes"]
    assert sentences("Call Dr. Smith at 9.30 today.") == ["Call Dr. Smith at 9.30 today."]
