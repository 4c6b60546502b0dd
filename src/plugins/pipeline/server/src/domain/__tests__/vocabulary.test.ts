// The kernel's vocabulary checked against the pipeline's default workflows (here: the kernel may not import a plugin).
import machineSchema from '../../../../../../api/machine/content-types/machine/schema.json';
import { MACHINE_WORKFLOW, PRESCRIPTION_WORKFLOW } from '../defaults';
import { ARRIVAL_STAGE, MACHINE_STAGE, MACHINE_TYPES, PRESCRIPTION_STAGE, PROTECTED_STAGES, WAITING_STAGES } from '../../../../../../shared/vocabulary';

const keysOf = (workflow: { stages: Array<{ key: string }> }) => workflow.stages.map((s) => s.key);

describe('the business vocabulary', () => {
  it('names exactly the stages of the default workflows, in their order', () => {
    expect(Object.values(MACHINE_STAGE)).toEqual(keysOf(MACHINE_WORKFLOW));
    expect(Object.values(PRESCRIPTION_STAGE)).toEqual(keysOf(PRESCRIPTION_WORKFLOW));
    expect(keysOf(MACHINE_WORKFLOW)[0]).toBe(ARRIVAL_STAGE);
    expect(keysOf(PRESCRIPTION_WORKFLOW)[0]).toBe(ARRIVAL_STAGE);
  });

  it('protects and waits only in stages that exist', () => {
    for (const [workflow, keys] of [[MACHINE_WORKFLOW, PROTECTED_STAGES.machines], [PRESCRIPTION_WORKFLOW, PROTECTED_STAGES.prescriptions]] as const) {
      for (const key of keys) expect(keysOf(workflow)).toContain(key);
    }
    for (const key of WAITING_STAGES.machines) expect(keysOf(MACHINE_WORKFLOW)).toContain(key);
    for (const key of WAITING_STAGES.prescriptions) expect(keysOf(PRESCRIPTION_WORKFLOW)).toContain(key);
  });

  it('reads the machine types from the machine schema', () => {
    expect(MACHINE_TYPES).toEqual(machineSchema.attributes.type.enum);
    expect(MACHINE_TYPES).toContain('laptop');
  });
});
