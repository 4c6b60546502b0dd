import { BREST_METROPOLE_COMMUNES, PAYS_DE_BREST_COMMUNES, sameCommune } from '../../../../../shared/server/territories';

/** Named territories staff can pick instead of listing communes one by one (the shared kernel's lists). */
export const TERRITORIES: Record<string, { label: string; communes: string[] }> = {
  'brest-metropole': { label: 'Brest métropole', communes: [...BREST_METROPOLE_COMMUNES] },
  'pays-de-brest': { label: 'Pays de Brest', communes: [...PAYS_DE_BREST_COMMUNES] },
};

/** Compares commune names the way people type them (the shared kernel's rule: case, accents, hyphens). */
export { sameCommune };
