/**
 * The territories the workshop works in, and the one rule for telling whether two commune names
 * are the same commune: names are typed by people (households, structures, funders' lists), so
 * case, accents, hyphens, apostrophes and surrounding spaces do not count ("plouzane",
 * "Plouzané ", "PLOUZANÉ" are one commune). Outreach (in code) and reporting (in SQL) both
 * match by this rule.
 */

/** The communes of Brest métropole. */
export const BREST_METROPOLE_COMMUNES: readonly string[] = ['Bohars', 'Brest', 'Gouesnou', 'Guilers', 'Guipavas', 'Le Relecq-Kerhuon', 'Plougastel-Daoulas', 'Plouzané'];

/** Brest métropole and the communes of the Pays de Brest's other intercommunalities the workshop serves. */
export const PAYS_DE_BREST_COMMUNES: readonly string[] = [
  ...BREST_METROPOLE_COMMUNES,
  'Landerneau', 'Landivisiau', 'Lesneven', 'Plabennec', 'Saint-Renan', 'Ploudalmézeau', 'Le Conquet', 'Crozon',
  'Daoulas', 'Le Folgoët', 'Lannilis', 'Plouguerneau', 'Locmaria-Plouzané', 'Milizac-Guipronvel', 'Plougonvelin',
  'Camaret-sur-Mer', 'Châteaulin', 'Le Faou', 'Pont-de-Buis-lès-Quimerch', 'Plouarzel', 'Lanildut', 'Porspoder',
];

/** A commune name reduced to what the rule compares: no accents, lower case, one space for any run of spaces, hyphens and apostrophes. */
export function communeKey(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[\s'’-]+/g, ' ').trim().toLowerCase();
}

/** Whether two names are the same commune (see `communeKey`). */
export const sameCommune = (a: string, b: string): boolean => communeKey(a) === communeKey(b);

// The accented letters of French (and Breton) place names, and the same letters without accents.
const ACCENTED = 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸ';
const PLAIN = 'aaaaaaceeeeiiiinooooouuuuyyAAAAAACEEEEIIIINOOOOOUUUUYY';

/**
 * `communeKey` in PostgreSQL, for a column or expression (trusted SQL, never user input): compare
 * it with `communeKey` of the names asked for.
 */
export function communeKeySql(column: string): string {
  return `btrim(regexp_replace(lower(translate(${column}, '${ACCENTED}', '${PLAIN}')), '[[:space:]''’-]+', ' ', 'g'))`;
}
