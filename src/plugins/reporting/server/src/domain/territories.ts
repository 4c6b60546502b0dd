/**
 * The territories reports count by, named as funders name them. A funder programme's territory
 * and the bilan's territory filter use these keys; households are matched on their commune by
 * the shared kernel's rule (src/shared/server/territories.ts: case and accents do not count).
 */
import type { TerritoryKey } from '../../../shared/contracts';
import { BREST_METROPOLE_COMMUNES } from '../../../../../shared/server/territories';

export type { TerritoryKey };

export const TERRITORIES: Record<TerritoryKey, { label: string; communes: readonly string[] }> = {
  brest: { label: 'Brest', communes: ['Brest'] },
  bmo: { label: 'Brest métropole (BMO)', communes: BREST_METROPOLE_COMMUNES },
};

export const TERRITORY_KEYS = Object.keys(TERRITORIES) as TerritoryKey[];

export const isTerritory = (value: unknown): value is TerritoryKey => typeof value === 'string' && value in TERRITORIES;

/** The communes of a territory, or null for "every commune". */
export const communesOf = (key: TerritoryKey | null): string[] | null => (key ? [...TERRITORIES[key].communes] : null);

export const territoryLabel = (key: TerritoryKey | null): string => (key ? TERRITORIES[key].label : 'Toutes communes');
