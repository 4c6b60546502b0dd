/** Named territories staff can pick instead of listing communes one by one. */
export const TERRITORIES: Record<string, { label: string; communes: string[] }> = {
  'brest-metropole': {
    label: 'Brest métropole',
    communes: ['Bohars', 'Brest', 'Gouesnou', 'Guilers', 'Guipavas', 'Le Relecq-Kerhuon', 'Plougastel-Daoulas', 'Plouzané'],
  },
  'pays-de-brest': {
    label: 'Pays de Brest',
    // Brest métropole and the communes of the Pays de Brest's other intercommunalities the workshop serves.
    communes: [
      'Bohars', 'Brest', 'Gouesnou', 'Guilers', 'Guipavas', 'Le Relecq-Kerhuon', 'Plougastel-Daoulas', 'Plouzané',
      'Landerneau', 'Landivisiau', 'Lesneven', 'Plabennec', 'Saint-Renan', 'Ploudalmézeau', 'Le Conquet', 'Crozon',
      'Daoulas', 'Le Folgoët', 'Lannilis', 'Plouguerneau', 'Locmaria-Plouzané', 'Milizac-Guipronvel', 'Plougonvelin',
      'Camaret-sur-Mer', 'Châteaulin', 'Le Faou', 'Pont-de-Buis-lès-Quimerch', 'Plouarzel', 'Lanildut', 'Porspoder',
    ],
  },
};

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[\s'’-]+/g, ' ').trim().toLowerCase();

/** Compares commune names the way people type them (case, accents, hyphens). */
export const sameCommune = (a: string, b: string) => fold(a) === fold(b);
