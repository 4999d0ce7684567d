// Spanish for the default scoring model's labels and the explanation's formulas. Labels are data (a rep may rename
// a rule), so only a label still equal to its shipped English text is translated; a custom label is shown as written.
import type { ScoreResult } from './scoring';

const ES: Readonly<Record<string, string>> = {
  'Default lead score': 'Puntuación de leads por defecto',
  'Seniority from the job title': 'Nivel jerárquico según el cargo',
  'C-level, founder or owner': 'Alta dirección, fundador o propietario',
  'VP, president, director or head': 'VP, presidente, director o responsable',
  'Manager or team lead': 'Mánager o jefe de equipo',
  'Buying role': 'Papel en la compra',
  'Power sponsor or economic evaluator': 'Patrocinador con poder o evaluador económico',
  Champion: 'Impulsor interno (champion)',
  'Technical evaluator or user': 'Evaluador técnico o usuario',
  Company: 'Empresa',
  '51–1,000 employees': 'De 51 a 1.000 empleados',
  'Over 1,000 employees': 'Más de 1.000 empleados',
  '11–50 employees': 'De 11 a 50 empleados',
  '1–10 employees': 'De 1 a 10 empleados',
  'Company email domain known': 'Dominio de correo de empresa conocido',
  'Only free-mail addresses': 'Solo direcciones de correo gratuito',
  'Relationship on record': 'Relación registrada',
  'Phone number known': 'Teléfono conocido',
  'In the database for 30+ days': 'En la base de datos desde hace 30 días o más',
  'In the database for 180+ days': 'En la base de datos desde hace 180 días o más',
  'Replies sent': 'Respuestas enviadas',
  'Replies sent in the last 30 days': 'Respuestas enviadas en los últimos 30 días',
  'A reply sent in the last 90 days': 'Una respuesta enviada en los últimos 90 días',
  'Emails received': 'Correos recibidos',
  'Emails received in the last 30 days': 'Correos recibidos en los últimos 30 días',
  'Calls to action': 'Llamadas a la acción',
  'CTA inserted (half-life 14 days)': 'CTA insertada (vida media de 14 días)',
  'Meetings and notes': 'Reuniones y notas',
  'Meetings (half-life 30 days)': 'Reuniones (vida media de 30 días)',
  'Notes in the last 30 days': 'Notas en los últimos 30 días',
  Deals: 'Negocios',
  'Deal opened in the last 90 days': 'Negocio abierto en los últimos 90 días',
  'Deal lost in the last 60 days': 'Negocio perdido en los últimos 60 días',
};

const isSpanish = (language: string) => language.toLowerCase().startsWith('es');

/** The label in the UI language when it is a shipped one; anything else unchanged. */
export function localiseLabel(label: string, language: string): string {
  return isSpanish(language) ? (ES[label] ?? label) : label;
}

/** English texts that have a shipped translation (tests check every default label has one). */
export const TRANSLATED_LABELS: readonly string[] = Object.keys(ES);

function localiseFormula(formula: string): string {
  return formula
    .replace(/\bround\b/g, 'redondeo')
    .replace(/\bengagement\b/g, 'interacción')
    .replace(/\bfit\b/g, 'encaje')
    .replace(/\belse\b/g, 'si no');
}

/** The explanation as the rep reads it: labels and formula words in their language, numbers untouched. */
export function localiseScoreResult(result: ScoreResult, language: string): ScoreResult {
  if (!isSpanish(language)) return result;
  const { explanation } = result;
  return {
    ...result,
    explanation: {
      ...explanation,
      rules: explanation.rules.map((r) => ({ ...r, label: localiseLabel(r.label, language) })),
      groups: explanation.groups.map((g) => ({ ...g, label: localiseLabel(g.label, language) })),
      total: { ...explanation.total, formula: localiseFormula(explanation.total.formula) },
      grade: { ...explanation.grade, formula: localiseFormula(explanation.grade.formula) },
    },
  };
}

/** A model with its shipped labels in the UI language (for the editor; the rep may then rename anything). */
export function localiseModelLabels<M extends { label: string; fit: Dim; engagement: Dim }>(model: M, language: string): M {
  if (!isSpanish(language)) return model;
  const dim = (d: Dim): Dim => ({
    ...d,
    groups: d.groups.map((g) => ({ ...g, label: localiseLabel(g.label, language), rules: g.rules.map((r) => ({ ...r, label: localiseLabel(r.label, language) })) })),
  });
  return { ...model, label: localiseLabel(model.label, language), fit: dim(model.fit), engagement: dim(model.engagement) };
}

interface Dim {
  groups: { label: string; rules: { label: string }[] }[];
}
