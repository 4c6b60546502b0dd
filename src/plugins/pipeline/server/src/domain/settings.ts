import { PROTECTED_STAGES } from '../../../shared/protected-stages';
import type { WorkflowDef } from './workflow';
import { ARRIVAL_STAGE } from '../../../../../shared/vocabulary';

export { PROTECTED_STAGES };

/**
 * Checks an edited workflow before it is saved; returns French problems (none: it may be saved).
 * `moveRecords` says where the records of each removed stage go.
 */
export function checkWorkflowEdit(
  current: WorkflowDef,
  next: WorkflowDef,
  moveRecords: Record<string, string>,
  actionExists: (type: string) => boolean,
  skillExists: (key: string) => boolean = () => true
): string[] {
  const problems: string[] = [];
  const keys = next.stages.map((s) => s.key);
  const keySet = new Set(keys);
  if (keySet.size !== keys.length) problems.push('Deux étapes ont la même clé.');
  const labels = next.stages.map((s) => s.label.trim().toLowerCase());
  if (new Set(labels).size !== labels.length) problems.push('Deux étapes portent le même nom.');
  if (keys[0] !== ARRIVAL_STAGE) problems.push(`La première étape doit rester l’étape d’arrivée (« ${ARRIVAL_STAGE} »).`);
  const removed = current.stages.map((s) => s.key).filter((k) => !keySet.has(k));
  for (const key of removed) {
    const label = current.stages.find((s) => s.key === key)?.label ?? key;
    if ((PROTECTED_STAGES[current.key] ?? []).includes(key)) {
      problems.push(`L’étape « ${label} » porte une règle de l’atelier : elle peut être renommée, pas supprimée.`);
      continue;
    }
    const target = moveRecords[key];
    if (!target) problems.push(`Choisissez l’étape où vont les fiches de l’étape supprimée « ${label} ».`);
    else if (!keySet.has(target)) problems.push(`L’étape choisie pour les fiches de « ${label} » n’existe pas.`);
  }
  for (const key of Object.keys(moveRecords)) {
    if (!removed.includes(key)) problems.push(`« ${key} » n’est pas une étape supprimée.`);
  }
  for (const t of next.transitions) {
    if (!keySet.has(t.from) || !keySet.has(t.to)) problems.push(`Le passage ${t.from} → ${t.to} relie une étape inexistante.`);
    if (t.from === t.to) problems.push(`Le passage ${t.from} → ${t.to} ne mène nulle part.`);
    for (const a of t.actions) if (!actionExists(a.type)) problems.push(`Action automatique inconnue : « ${a.type} ».`);
  }
  // A required skill must be one of the catalogue's: otherwise nobody could ever hold it.
  for (const s of next.stages) {
    if (s.requiredSkill && !skillExists(s.requiredSkill)) problems.push(`L’étape « ${s.label} » exige la compétence « ${s.requiredSkill} », absente du catalogue des compétences.`);
  }
  const erasureSkill = next.qualifications?.erasure;
  if (erasureSkill && !skillExists(erasureSkill)) problems.push(`L’effacement certifié exige la compétence « ${erasureSkill} », absente du catalogue des compétences.`);
  const terminal = new Set(next.stages.filter((s) => s.terminal).map((s) => s.key));
  for (const t of next.transitions) {
    if (terminal.has(t.from)) problems.push(`L’étape finale « ${t.from} » ne peut pas avoir de suite.`);
  }
  return [...new Set(problems)];
}
