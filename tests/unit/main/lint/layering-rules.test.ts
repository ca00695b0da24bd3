// The layering rules are enforced by lint, so they are tested like code.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../support/cli';

const eslint = new ESLint({ cwd: ROOT });

async function ruleIds(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('lint layering rules', () => {
  it("fails when main/store imports 'electron'", async () => {
    expect(await ruleIds("import { app } from 'electron';\nexport const x = app;\n", 'main/store/bad.ts')).toContain(
      'no-restricted-imports',
    );
  });
  it("fails when the renderer imports 'electron'", async () => {
    expect(
      await ruleIds("import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", 'renderer/src/bad.ts'),
    ).toContain('no-restricted-imports');
  });
  it('fails when main/electron imports ipcRenderer', async () => {
    expect(
      await ruleIds("import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", 'main/electron/bad.ts'),
    ).toContain('no-restricted-imports');
  });
  it("allows main/electron to import 'electron' and preload to use ipcRenderer", async () => {
    expect(
      await ruleIds("import { app } from 'electron';\nexport const x = app;\n", 'main/electron/ok.ts'),
    ).not.toContain('no-restricted-imports');
    expect(
      await ruleIds("import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", 'preload/ok.ts'),
    ).not.toContain('no-restricted-imports');
  });
});
