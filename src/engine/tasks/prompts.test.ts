import { describe, expect, it } from 'vitest';
import type { BoolqItem, ChoiceItem, SquadItem, TranslationItem } from '../../datasets/items';
import { arcHarnessContext, commonsenseQaHarnessContext, labelledChoicesPrompt } from './arc';
import { boolqHarnessContext, boolqStudyPrompt } from './boolq';
import { drawStudySquadItems, squadHarnessPrompt, squadStudyPrompt } from './squad';
import { studySentenceBleu, translationHarnessPrompt, translationStudyPrompt } from './translation';

// The first question of ARC-Challenge's validation file, with a numeric-label variant.
const arc: ChoiceItem = {
  id: 'Mercury_7175875',
  subset: '',
  question: 'An astronomer observes that a planet rotates faster after a meteorite impact. Which is the most likely effect of this increase in rotation?',
  choices: [
    { label: 'A', text: 'Planetary density will decrease.' },
    { label: 'B', text: 'Planetary years will become longer.' },
    { label: 'C', text: 'Planetary days will become shorter.' },
    { label: 'D', text: 'Planetary gravity will become stronger.' },
  ],
  answer: 2,
};

const csqa: ChoiceItem = {
  id: '1afa02df02c908a558b4036e80242fac',
  subset: '',
  question: 'A revolving door is convenient for two direction travel, but it also serves as a security measure at a what? ',
  choices: ['bank', 'library', 'department store', 'mall', 'new york'].map((text, k) => ({ label: 'ABCDE'[k]!, text })),
  answer: 0,
};

const boolq: BoolqItem = { id: '0', subset: '', passage: 'Ethanol fuel is made from corn.', question: 'is ethanol made from corn', answer: true };

const squad: SquadItem = {
  id: '56ddde6b9a695914005b9628',
  subset: '',
  title: 'Normans',
  context: 'The Normans were the people who gave their name to Normandy, a region in France.',
  question: 'In what country is Normandy located?',
  answers: ['France', 'France'],
};

const enRu: TranslationItem = { id: 'un:en-ru/0', subset: 'en-ru', sourceLang: 'en', targetLang: 'ru', source: 'Good morning.', reference: 'Доброе утро.' };

describe('ARC prompts', () => {
  it('lists each labelled choice on its own line for the study', () => {
    expect(labelledChoicesPrompt(arc)).toBe(
      'Question: An astronomer observes that a planet rotates faster after a meteorite impact. Which is the most likely effect of this increase in rotation?\n' +
        'Options:\nA) Planetary density will decrease.\nB) Planetary years will become longer.\nC) Planetary days will become shorter.\nD) Planetary gravity will become stronger.\nAnswer:',
    );
  });

  it('keeps numeric labels as the dataset gives them', () => {
    const numeric = { ...arc, choices: arc.choices.map((c, k) => ({ ...c, label: String(k + 1) })) };
    expect(labelledChoicesPrompt(numeric)).toContain('\n1) Planetary density will decrease.\n2) ');
  });

  it('asks the harness for the question and the Answer cue only', () => {
    expect(arcHarnessContext(arc)).toBe(
      'Question: An astronomer observes that a planet rotates faster after a meteorite impact. Which is the most likely effect of this increase in rotation?\nAnswer:',
    );
  });
});

describe('CommonsenseQA prompts', () => {
  it('prompts the study as ARC does, labels A to E', () => {
    expect(labelledChoicesPrompt(csqa)).toBe(
      'Question: A revolving door is convenient for two direction travel, but it also serves as a security measure at a what? \n' +
        'Options:\nA) bank\nB) library\nC) department store\nD) mall\nE) new york\nAnswer:',
    );
  });

  it('trims the question and lists lettered choices for the harness', () => {
    expect(commonsenseQaHarnessContext(csqa)).toBe(
      'Question: A revolving door is convenient for two direction travel, but it also serves as a security measure at a what?\n' +
        'A. bank\nB. library\nC. department store\nD. mall\nE. new york\nAnswer:',
    );
  });
});

describe('BoolQ prompts', () => {
  it('builds the study prompt', () => {
    expect(boolqStudyPrompt(boolq)).toBe('Context: Ethanol fuel is made from corn.\nQuestion: is ethanol made from corn\nAnswer (True/False):');
  });

  it('adds a question mark for the harness', () => {
    expect(boolqHarnessContext(boolq)).toBe('Ethanol fuel is made from corn.\nQuestion: is ethanol made from corn?\nAnswer:');
  });
});

describe('SQuAD v2 prompts', () => {
  it('builds the study prompt', () => {
    expect(squadStudyPrompt(squad)).toBe(
      'Context: The Normans were the people who gave their name to Normandy, a region in France.\nQuestion: In what country is Normandy located?\nAnswer:',
    );
  });

  it('builds the harness prompt with title and background', () => {
    expect(squadHarnessPrompt(squad)).toBe(
      'Title: Normans\n\nBackground: The Normans were the people who gave their name to Normandy, a region in France.\n\n' +
        'Question: In what country is Normandy located?\n\nAnswer:',
    );
  });

  it('draws only answerable questions with answers of at most 8 characters', () => {
    const items: SquadItem[] = [
      squad,
      { ...squad, id: 'long', answers: ['the 10th and 11th centuries'] },
      { ...squad, id: 'none', answers: [] },
      { ...squad, id: 'eight', answers: ['12345678'] },
    ];
    expect(drawStudySquadItems(items, 10).map((i) => i.id).sort()).toEqual(['56ddde6b9a695914005b9628', 'eight']);
    expect(drawStudySquadItems(items, 10)).toEqual(drawStudySquadItems(items, 10));
  });
});

describe('translation prompts', () => {
  it('names the languages in the study prompt', () => {
    expect(translationStudyPrompt(enRu)).toBe('Translate from English to Russian:\nGood morning.\nAnswer:');
  });

  it('uses the phrase template for the harness', () => {
    expect(translationHarnessPrompt(enRu)).toBe('English phrase: Good morning.\nRussian phrase:');
  });

  it('scores the study output upper-cased and trimmed against the reference', () => {
    // Three tokens make no 4-gram, and with effective order off that scores 0 even when all match.
    expect(studySentenceBleu('  доброе утро. \n', 'Доброе утро.')).toBe(0);
    expect(studySentenceBleu(' Good morning to you all. ', 'good morning to you all.')).toBeCloseTo(100, 10);
  });
});
