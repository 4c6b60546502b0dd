import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * The dependency check of eslint.config.mjs (docs/architecture.md) on code written for the test:
 * a deliberate cross-plugin import is refused, the same thing through the kernel is not.
 * ESLint loads its config with a dynamic import, which Jest's module system does not run, so the
 * snippets are linted by a child node with the project's real config (type-aware rules off: the
 * snippets belong to no tsconfig project).
 */
const root = path.resolve(__dirname, '..', '..');

const LINT = `
import { ESLint } from 'eslint';
const cases = JSON.parse(process.argv[1]);
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: {
    languageOptions: { parserOptions: { project: null } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});
const out = [];
for (const c of cases) {
  const [result] = await eslint.lintText(c.code, { filePath: c.filePath });
  out.push(result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message })));
}
process.stdout.write(JSON.stringify(out));
`;

interface Case {
  filePath: string;
  code: string;
}
type Messages = Array<{ ruleId: string | null; message: string }>;

function lint(cases: Case[]): Messages[] {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', LINT, JSON.stringify(cases)], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Messages[];
}

const RULE = 'boundaries/no-cross-plugin-imports';

describe('the dependency check (eslint.config.mjs)', () => {
  const [crossPlugin, throughKernel, appToPlugin, kernelToPlugin, ownPlugin, seed] = lint([
    // outreach reaching into pipeline's server code, as it once did
    { filePath: 'src/plugins/outreach/server/src/services/x.ts', code: "import { ConflictError } from '../../../../pipeline/server/src/errors';\nexport const e = ConflictError;\n" },
    { filePath: 'src/plugins/outreach/server/src/services/x.ts', code: "import { ConflictError } from '../../../../../shared/server/errors';\nexport const e = ConflictError;\n" },
    { filePath: 'src/api/machine/controllers/x.ts', code: "export { default } from '../../../plugins/portal/server/src/services/scope';\n" },
    { filePath: 'src/shared/admin/x.ts', code: "export { useGet } from '../../plugins/pipeline/admin/src/pages/BoardPage';\n" },
    { filePath: 'src/plugins/pipeline/server/src/services/x.ts', code: "export { MACHINE_UID } from '../domain/workflow';\n" },
    { filePath: 'src/seed/x.ts', code: "export { MACHINE_UID } from '../plugins/pipeline/server/src/domain/workflow';\n" },
  ]);

  it("refuses a plugin importing another plugin's files, and says what to do instead", () => {
    expect(crossPlugin).toEqual([
      {
        ruleId: RULE,
        message: expect.stringContaining("The outreach plugin may not import the pipeline plugin's files (../../../../pipeline/server/src/errors): move what both need to src/shared"),
      },
    ]);
    expect(crossPlugin[0].message).toContain('docs/architecture.md');
  });

  it('lets a plugin import the kernel and its own files', () => {
    expect(throughKernel).toEqual([]);
    expect(ownPlugin).toEqual([]);
  });

  it("refuses the app's code and the kernel importing a plugin's files", () => {
    expect(appToPlugin).toEqual([{ ruleId: RULE, message: expect.stringContaining("src/api may not import a plugin's files") }]);
    expect(kernelToPlugin).toEqual([{ ruleId: RULE, message: expect.stringContaining("src/shared may not import a plugin's files") }]);
  });

  it('lets the demo and test data builder (src/seed) use the pipeline plugin’s domain', () => {
    expect(seed).toEqual([]);
  });
});
