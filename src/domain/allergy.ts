import { foldForMatch } from '../lib/fold-text.js';

/** One kind of wording that marks a text as an allergy, with what it covers and words it must catch. */
export interface AllergyWording {
  /** Tested against the folded text (`foldForMatch`: lower case, Latin accents dropped). */
  pattern: RegExp;
  /** What it covers, in the README's words. */
  covers: string;
  /** Texts it must flag (the tests read them). */
  examples: readonly string[];
}

/**
 * The allergens of the "-free" and "no ..." wordings: the 14 of EU Regulation 1169/2011, Annex II,
 * and the 9 major allergens of the US FALCPA and FASTER Act, in English, as singular or plural.
 */
const ALLERGEN_EN =
  '(?:gluten|wheat|(?:pea|tree[- ]?|coco)?nut|dairy|milk|lactose|egg|soy|soya|sesame|shellfish|fish|crustacean|mollusc|mollusk|celery|mustard|lupin|sulphite|sulfite)s?';

/** Allergens that are rarely a matter of taste: "no gluten" is an allergy, "no egg" may be a preference. */
const STRICT_ALLERGEN =
  '(?:gluten|glutine|(?:pea|tree[- ]?)?nuts?|shellfish|sesame|mani|cacahuetes?|cacahuates?|nueces|noix|arachides?|nusse|nuss|noci|arachidi|amendoins?)';

/**
 * Every wording the kitchen board treats as an allergy, and the one place that decides it. Sources:
 * the line cook's trial of the board (Spanish "alergia", Chinese 过敏, "celiac", "EpiPen", "nut-free",
 * "NO gluten" were missed by `/allerg|anaphyla/`); the word for allergy, anaphylaxis, coeliac disease
 * and intolerance in English, Spanish, French, German, Italian, Portuguese, Chinese, Japanese and
 * Korean (Wiktionary translation tables, checked against each language's Wikipedia article title);
 * the allergens of EU Regulation 1169/2011 Annex II and the US FALCPA / FASTER Act for the
 * "X-free" and "no X" wordings. It errs towards flagging: a plain modifier shown as an allergy costs
 * a glance, a missed allergy costs a guest.
 */
export const ALLERGY_WORDINGS: readonly AllergyWording[] = [
  {
    pattern: /al+er[gj]|аллерг|алерг|αλλεργ/,
    covers: 'allerg-/alerg- (allergy, alergia, allergie, Allergie, allergia, alérgico, alerji), аллерг-',
    examples: ['ALLERGY: peanuts', 'alergia al maní - muy grave', 'allergique aux noix', 'Nussallergie', 'allergico ai crostacei', 'alérgico a camarão', 'аллергия на орехи'],
  },
  {
    pattern: /ana(?:ph|f)[iy]la|анафилак/,
    covers: 'anaphyla-/anafila- (anaphylaxis, anaphylaxie, Anaphylaxie, anafilaxia, anafilassi)',
    examples: ['Severe anaphylaxis to sesame', 'risque anaphylactique', 'anafilaxia'],
  },
  {
    pattern: /epi[- ]?pen|auto-?injector/,
    covers: 'EpiPen, epi pen, auto-injector',
    examples: ['EpiPen on hand', 'carries an epi-pen', 'has an auto-injector'],
  },
  {
    pattern: /c(?:o?e)liac|celiaqu|z(?:o|oe)liaki/,
    covers: 'celiac/coeliac (céliaque, celíaco, celiachia, Zöliakie)',
    examples: ['Customer is celiac', 'coeliac', 'céliaque', 'celíaca', 'celiachia', 'Zöliakie'],
  },
  {
    pattern: /intol+eran|unvertraglich/,
    covers: 'intolerance (intolerant, intolerancia, intolérance, intolleranza, Unverträglichkeit)',
    examples: ['lactose intolerant', 'intolerancia al gluten', 'Laktoseunverträglichkeit'],
  },
  {
    pattern: new RegExp(`\\b${ALLERGEN_EN}[- ]free\\b|(?:gluten|nuss|erdnuss|laktose|milch|soja|sesam)frei|sin gluten|sans gluten|senza glutine|sem gluten`),
    covers: '"-free" of an allergen: gluten-free, nut-free, dairy-free, ... (EU and US allergens), glutenfrei, sin/sans/sem gluten, senza glutine',
    examples: ['gluten-free bread', 'strictly nut-free', 'peanut free kitchen', 'dairy-free', 'glutenfrei', 'pasta sin gluten', 'sans gluten', 'senza glutine'],
  },
  {
    pattern: new RegExp(`\\b(?:no|without|ohne|zero)\\s+${STRICT_ALLERGEN}\\b`),
    covers: '"no" or "without" gluten, nuts, peanuts, shellfish or sesame',
    examples: ['strictly NO gluten', 'without peanuts', 'no tree nuts please', 'no shellfish'],
  },
  {
    pattern: new RegExp(['过敏', '過敏', 'アレルギー', '알레르기', '알러지', 'グルテンフリー', '无麸质', '無麩質', '글루텐\\s?프리', '乳糖不耐'].map(foldForMatch).join('|')),
    covers: '过敏/過敏 (zh), アレルギー (ja), 알레르기/알러지 (ko), gluten-free in zh/ja/ko, 乳糖不耐',
    examples: ['顾客对花生过敏', '花生過敏', 'そばアレルギー', '땅콩 알레르기', 'グルテンフリー', '无麸质'],
  },
];

/**
 * Whether a modifier, note or item name mentions an allergy, by `ALLERGY_WORDINGS`, in any case and
 * with or without accents. Undefined (no note) is no allergy.
 */
export function mentionsAllergy(text: string | undefined): boolean {
  if (text === undefined || text === '') return false;
  const folded = foldForMatch(text);
  return ALLERGY_WORDINGS.some((wording) => wording.pattern.test(folded));
}
