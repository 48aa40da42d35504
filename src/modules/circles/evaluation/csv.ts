import { translator, type Language } from '../../../platform/i18n/index.js';
import type { Evaluation } from './service.js';
import type { csvFigures } from './schemas.js';

export type CsvFigure = (typeof csvFigures)[number];

// Dutch and Danish spreadsheets expect semicolons and decimal commas; English ones commas and points.
const csvStyle = (language: Language) => (language === 'en' ? { separator: ',', decimal: '.' } : { separator: ';', decimal: ',' });
const csvField = (value: string, separator: string) => (/["\n\r]/.test(value) || value.includes(separator) ? `"${value.replace(/"/g, '""')}"` : value);

const SPREAD_COLUMNS = ['steps', 'withinNormShare', 'meanHours', 'p25Hours', 'p50Hours', 'p75Hours', 'p90Hours'] as const;

/**
 * One figure of the evaluation as CSV (UTF-8 with BOM so that spreadsheets read the accents), in the
 * reader's language. A suppressed group keeps its row and says so instead of showing numbers.
 */
export function evaluationCsv(evaluation: Evaluation, figure: CsvFigure, language: Language = 'nl'): string {
  const t = translator(language);
  const { separator, decimal } = csvStyle(language);
  const num = (x: number | null) => (x === null ? '' : String(x).replace('.', decimal));
  const suppressed = t('evaluation.suppressed', { count: evaluation.minGroup });
  const row = (cells: string[]) => cells.map((c) => csvField(c, separator)).join(separator);
  const header = (columns: readonly string[]) => row(columns.map((c) => t(`evaluation.columns.${c}`)));
  const spread = (s: Evaluation['rightTime'][number]['leadTime']) => (s.suppressed ? [suppressed] : SPREAD_COLUMNS.map((c) => num(s[c])));
  const lines: string[] = [];
  if (figure === 'summary') {
    const { goals, experience } = evaluation.personCentred;
    const social = evaluation.sociallyEmbedded;
    const value = (hidden: boolean, x: number | null) => (hidden ? suppressed : num(x));
    lines.push(header(['figure', 'value']));
    lines.push(row([t('evaluation.figures.period'), `${evaluation.from} – ${evaluation.to}`]));
    for (const [key, hidden, x] of [
      ['goalsPersons', goals.suppressed, goals.persons],
      ['goals', goals.suppressed, goals.goals],
      ['goalsMet', goals.suppressed, goals.met],
      ['goalsMetShare', goals.suppressed, goals.metShare],
      ['experiencePersons', experience.suppressed, experience.persons],
      ['experienceMean', experience.suppressed, experience.mean],
      ['experienceMedian', experience.suppressed, experience.median],
      ['doneTasks', social.suppressed, social.doneTasks],
      ['informalTasks', social.suppressed, social.informal],
      ['informalShare', social.suppressed, social.informalShare],
    ] as const) lines.push(row([t(`evaluation.figures.${key}`), value(hidden, x)]));
  } else if (figure === 'hours') {
    lines.push(header(['month', 'persons', 'professionalHours', 'hoursPerPerson', 'tasksWithMinutes']));
    for (const m of evaluation.economicallySustainable) lines.push(row(m.suppressed ? [m.month, suppressed] : [m.month, num(m.persons), num(m.professionalHours), num(m.hoursPerPerson), num(m.tasksWithMinutes)]));
  } else if (figure === 'right_time') {
    lines.push(header(['organisation', 'step', 'normHours', ...SPREAD_COLUMNS]));
    for (const r of evaluation.rightTime) lines.push(row([r.organisationName ?? t('evaluation.informal'), t(`evaluation.steps.${r.step}`, { defaultValue: r.step }), num(r.normHours), ...spread(r.leadTime)]));
  } else {
    const groups = figure === 'neighbourhoods' ? evaluation.equality.neighbourhoods : evaluation.equality.ageGroups;
    const name = (key: string) => (figure === 'neighbourhoods' ? key : t(`evaluation.ageGroups.${key}`));
    lines.push(header([figure === 'neighbourhoods' ? 'neighbourhood' : 'ageGroup', 'persons', 'withCircle', 'reachShare', ...SPREAD_COLUMNS]));
    for (const g of groups) lines.push(row(g.suppressed ? [name(g.key), suppressed] : [name(g.key), num(g.persons), num(g.withCircle), num(g.reachShare), ...spread(g.leadTime)]));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
