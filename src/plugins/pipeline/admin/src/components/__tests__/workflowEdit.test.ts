import type { Workflow } from '../../../../shared/contracts';
import { addStageAfter, keyFromLabel, moveStage, removeStage, updateStage } from '../workflowEdit';

const stage = (key: string, position: number) => ({ key, label: key.toUpperCase(), color: '#000000', position, terminal: false, checklist: [], enterRoles: [] });
const workflow: Workflow = {
  key: 'machines', name: 'M', contentType: 'api::machine.machine',
  stages: [stage('received', 0), stage('cleaning', 1), stage('ready', 2)],
  transitions: [{ from: 'received', to: 'cleaning', actions: [] }, { from: 'cleaning', to: 'ready', actions: [] }],
  qualifications: { erasure: 'erasure', exempt: [] },
};
const edges = (w: Workflow) => w.transitions.map((t) => `${t.from}>${t.to}`).sort();

describe('editing a workflow in the settings page', () => {
  it('makes a stage key from a French label, unique', () => {
    expect(keyFromLabel('Mise à niveau', [])).toBe('mise_a_niveau');
    expect(keyFromLabel('Mise à niveau', ['mise_a_niveau'])).toBe('mise_a_niveau_2');
  });

  it('adds an optional stage that units may take or skip', () => {
    const next = addStageAfter(workflow, 'cleaning', 'Mise à niveau', '#123456');
    expect(next.stages.map((s) => s.key)).toEqual(['received', 'cleaning', 'mise_a_niveau', 'ready']);
    expect(edges(next)).toEqual(['cleaning>mise_a_niveau', 'cleaning>ready', 'mise_a_niveau>ready', 'received>cleaning']);
  });

  it('removes a stage and wires its predecessors to its successors', () => {
    const next = removeStage(workflow, 'cleaning');
    expect(next.stages.map((s) => [s.key, s.position])).toEqual([['received', 0], ['ready', 1]]);
    expect(edges(next)).toEqual(['received>ready']);
  });

  it('reorders stages but keeps the arrival stage first', () => {
    expect(moveStage(workflow, 'ready', -1).stages.map((s) => s.key)).toEqual(['received', 'ready', 'cleaning']);
    expect(moveStage(workflow, 'cleaning', -1).stages.map((s) => s.key)).toEqual(['received', 'cleaning', 'ready']);
  });

  it('renames a stage without touching its key', () => {
    expect(updateStage(workflow, 'cleaning', { label: 'Nettoyage' }).stages[1]).toMatchObject({ key: 'cleaning', label: 'Nettoyage' });
  });
});
