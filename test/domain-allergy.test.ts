import { describe, expect, it } from 'vitest';
import { ALLERGY_WORDINGS, mentionsAllergy } from '../src/domain/allergy.js';
import { foldForMatch } from '../src/lib/fold-text.js';

describe('what counts as an allergy (one rule, src/domain/allergy.ts)', () => {
  it('flags every example of every wording, in any case', () => {
    for (const wording of ALLERGY_WORDINGS) {
      for (const example of wording.examples) {
        expect(mentionsAllergy(example), `${example} (${wording.covers})`).toBe(true);
        expect(mentionsAllergy(example.toUpperCase()), `${example} in upper case`).toBe(true);
      }
    }
  });

  it('flags what the line cook saw missed: Spanish, Chinese, celiac, EpiPen, nut-free, NO gluten', () => {
    for (const text of [
      'alergia al maní - muy grave',
      'Customer is celiac: strictly NO gluten; nut-free',
      '顾客对花生过敏',
      'Please be careful. Severe anaphylaxis to sesame - EpiPen on hand',
      'gluten-free bread',
      'ALÉRGICO AL MANÍ',
    ])
      expect(mentionsAllergy(text), text).toBe(true);
  });

  it('leaves plain modifiers and notes alone', () => {
    for (const text of [
      'no onions',
      'extra cheese',
      'no mayo',
      'ring the bell twice',
      'sugar-free syrup',
      'Fish Tacos',
      'nutmeg on top',
      'free refill',
      'gallery table',
      'leave at the door',
      '宫保鸡丁',
      undefined,
      '',
    ])
      expect(mentionsAllergy(text), String(text)).toBe(false);
  });
});

describe('foldForMatch', () => {
  it('drops Latin accents and case, and leaves kana and hangul as written', () => {
    expect(foldForMatch('Zoë')).toBe('zoe');
    expect(foldForMatch('ALÉRGICO AL MANÍ')).toBe('alergico al mani');
    expect(foldForMatch('Zöliakie')).toBe('zoliakie');
    expect(foldForMatch('アレルギー')).toBe('アレルギー');
    expect(foldForMatch('알레르기')).toBe('알레르기');
    expect(foldForMatch('山田')).toBe('山田');
  });
});
