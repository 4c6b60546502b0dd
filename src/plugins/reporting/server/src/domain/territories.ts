/**
 * The territories reports count by, named as funders name them. A funder programme's territory
 * and the bilan's territory filter use these keys; households are matched on their commune.
 */
import type { TerritoryKey } from '../../../shared/contracts';

export type { TerritoryKey };

export const TERRITORIES: Record<TerritoryKey, { label: string; communes: readonly string[] }> = {
  brest: { label: 'Brest', communes: ['Brest'] },
  bmo: {
    label: 'Brest métropole (BMO)',
    communes: ['Bohars', 'Brest', 'Gouesnou', 'Guilers', 'Guipavas', 'Le Relecq-Kerhuon', 'Plougastel-Daoulas', 'Plouzané'],
  },
};

export const TERRITORY_KEYS = Object.keys(TERRITORIES) as TerritoryKey[];

export const isTerritory = (value: unknown): value is TerritoryKey => typeof value === 'string' && value in TERRITORIES;

/** The communes of a territory, or null for "every commune". */
export const communesOf = (key: TerritoryKey | null): string[] | null => (key ? [...TERRITORIES[key].communes] : null);

export const territoryLabel = (key: TerritoryKey | null): string => (key ? TERRITORIES[key].label : 'Toutes communes');
