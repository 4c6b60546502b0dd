import { TERRITORIES } from './territories';

export const PRESCRIBER_KINDS = ['cdas', 'ccas', 'college', 'association', 'other'] as const;
export const DONOR_KINDS = ['company', 'public_administration', 'local_authority', 'association', 'other'] as const;
/** The steps of a donor relationship (the donor's `relationship` attribute). */
export const DONOR_RELATIONSHIPS = ['prospect', 'contacted', 'meeting', 'negotiating', 'partner', 'inactive'] as const;

/** Who a campaign is addressed to; empty lists mean "all". */
export interface Audience {
  target: 'prescriber' | 'donor';
  kinds?: string[];
  communes?: string[];
  territories?: string[];
  relationships?: string[];
}

const ALLOWED_KEYS = ['target', 'kinds', 'communes', 'territories', 'relationships'];

const stringList = (value: unknown, field: string, problems: string[], allowed?: readonly string[]): string[] | undefined => {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.trim() === '' || v.length > 120)) {
    problems.push(`audience.${field} : une liste de textes est attendue.`);
    return undefined;
  }
  const list = [...new Set((value as string[]).map((v) => v.trim()))];
  if (list.length > 100) problems.push(`audience.${field} : 100 valeurs au plus.`);
  if (allowed) {
    const unknown = list.filter((v) => !allowed.includes(v));
    if (unknown.length) problems.push(`audience.${field} : valeur inconnue « ${unknown.join(' », « ')} » (possibles : ${allowed.join(', ')}).`);
  }
  return list;
};

/** Checks a filter typed by staff; returns it normalised, or the French problems. */
export function parseAudience(value: unknown): { audience: Audience; problems: [] } | { audience: null; problems: string[] } {
  const problems: string[] = [];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { audience: null, problems: ['audience : un filtre est attendu (destinataires).'] };
  const raw = value as Record<string, unknown>;
  const extra = Object.keys(raw).filter((k) => !ALLOWED_KEYS.includes(k));
  if (extra.length) problems.push(`audience : champ inconnu « ${extra.join(' », « ')} ».`);
  if (raw.target !== 'prescriber' && raw.target !== 'donor') {
    problems.push('audience.target : « prescriber » (prescripteurs) ou « donor » (donateurs).');
    return { audience: null, problems };
  }
  const target = raw.target;
  const kinds = stringList(raw.kinds, 'kinds', problems, target === 'prescriber' ? PRESCRIBER_KINDS : DONOR_KINDS);
  const communes = stringList(raw.communes, 'communes', problems);
  const territories = stringList(raw.territories, 'territories', problems, Object.keys(TERRITORIES));
  const relationships = stringList(raw.relationships, 'relationships', problems, DONOR_RELATIONSHIPS);
  if (target === 'prescriber' && relationships?.length) problems.push('audience.relationships : les étapes de relation ne concernent que les donateurs.');
  if (problems.length) return { audience: null, problems };
  const audience: Audience = { target };
  if (kinds?.length) audience.kinds = kinds;
  if (communes?.length) audience.communes = communes;
  if (territories?.length) audience.territories = territories;
  if (relationships?.length) audience.relationships = relationships;
  return { audience, problems: [] };
}

/** The communes a filter allows (its communes plus its territories' communes); null = anywhere. */
export function communesOf(audience: Audience): string[] | null {
  const list = [...(audience.communes ?? []), ...(audience.territories ?? []).flatMap((t) => TERRITORIES[t]?.communes ?? [])];
  return list.length ? [...new Set(list)] : null;
}
