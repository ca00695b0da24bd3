// The layering rules are enforced by lint, so they are tested like code: each rule gets a
// violating file (linted virtually, at a path inside the layer) that must fail, and a
// conforming one that must pass.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../support/cli';

// The virtual files below do not exist, so the type-aware rules (which need the file in a
// TypeScript project) are switched off for them; every other rule runs as configured.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: {
    files: ['main/**/*.ts'],
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
});
// The type-aware rules, linted against the path of a real file in the project (with other text).
const typeAware = new ESLint({ cwd: ROOT });
const REAL_MAIN_FILE = 'main/runtime/rate-limited-log.ts';

interface Finding {
  ruleId: string | null;
  message: string;
  severity: number;
}

async function lint(code: string, file: string): Promise<Finding[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message, severity: m.severity }));
}

async function ruleIds(code: string, file: string): Promise<string[]> {
  return (await lint(code, file)).map((m) => m.ruleId ?? m.message);
}

/** The layering errors a file importing `specifier` gets. */
async function layering(file: string, specifier: string, form: 'import' | 'type' | 'dynamic' | 'export' = 'import') {
  const code = {
    import: `import * as m from '${specifier}';\nexport const x = m;\n`,
    type: `import type { Thing } from '${specifier}';\nexport type X = Thing;\n`,
    dynamic: `export const load = () => import('${specifier}');\n`,
    export: `export * from '${specifier}';\n`,
  }[form];
  return (await lint(code, file)).filter((m) => m.ruleId === 'local/code-layering' && m.severity === 2);
}

describe('lint: electron stays in the glue', () => {
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

describe('lint: domains never import the shells or the facade', () => {
  const domains = ['workplace', 'intel', 'detect', 'sync', 'govern', 'posture'];
  const above = ['../electron/ipc', '../host/server', '../cli/index', '../console/console'];
  for (const domain of domains) {
    it(`main/${domain} importing a shell or the facade fails, naming what is allowed and why`, async () => {
      for (const specifier of above) {
        const errors = await layering(`main/${domain}/bad.ts`, specifier);
        expect(errors, `main/${domain} -> ${specifier}`).toHaveLength(1);
        expect(errors[0].message).toContain(`main/${domain} may not import main/${specifier.slice(3)}`);
        expect(errors[0].message).toContain('may import anything but main/electron, main/host, main/cli, main/console');
        expect(errors[0].message).toMatch(/Why: domains are composed by the facade/);
      }
    });
  }
  it('a domain importing the store, runtime, another domain or the contract passes', async () => {
    for (const specifier of ['../store/index', '../runtime/errors', '../intel/geolocation', '../../preload/contract']) {
      expect(await layering('main/sync/ok.ts', specifier), specifier).toEqual([]);
    }
  });
  it('type-only, dynamic and re-export imports are caught too', async () => {
    expect(await layering('main/detect/bad.ts', '../console/console', 'type')).toHaveLength(1);
    expect(await layering('main/detect/bad.ts', '../host/server', 'dynamic')).toHaveLength(1);
    expect(await layering('main/detect/deep/bad.ts', '../../cli/index', 'export')).toHaveLength(1);
  });
});

describe('lint: the store imports no other domain', () => {
  it('main/store importing another domain or a shell fails', async () => {
    for (const specifier of ['../intel/geolocation', '../sync/engine', '../workplace/http', '../electron/ipc']) {
      const errors = await layering('main/store/bad.ts', specifier);
      expect(errors, specifier).toHaveLength(1);
      expect(errors[0].message).toContain('main/store may import only main/store, main/runtime, preload/contract');
      expect(errors[0].message).toContain('Why: the store is the bottom domain');
    }
  });
  it('main/store importing itself, main/runtime or the contract passes', async () => {
    for (const specifier of [
      './types',
      '../runtime/errors',
      '../../preload/contract',
      '../../preload/contract/users',
    ]) {
      expect(await layering('main/store/ok.ts', specifier), specifier).toEqual([]);
    }
  });
  it('main/runtime (which the store may use) imports nothing above it', async () => {
    expect(await layering('main/runtime/bad.ts', '../store/index')).toHaveLength(1);
    expect(await layering('main/runtime/ok.ts', '../../preload/contract')).toEqual([]);
  });
  it('the contract imports nothing of main/', async () => {
    expect(await layering('preload/contract/bad.ts', '../../main/runtime/errors')).toHaveLength(1);
    expect(await layering('preload/contract/ok.ts', './shared')).toEqual([]);
  });
});

describe('lint: the renderer reaches outside itself only for the contract', () => {
  it('renderer importing main/ or the preload bridge fails', async () => {
    for (const specifier of ['../../main/runtime/errors', '../../preload/index', '../../main/console/dispatch']) {
      const errors = await layering('renderer/src/bad.ts', specifier);
      expect(errors, specifier).toHaveLength(1);
      expect(errors[0].message).toContain('renderer may import only renderer, preload/contract');
      expect(errors[0].message).toContain('Why: the renderer is a sandboxed web page');
    }
  });
  it('renderer importing itself or the contract passes', async () => {
    for (const specifier of ['./guard', '../../preload/contract', '../../preload/contract/users']) {
      expect(await layering('renderer/src/ok.ts', specifier), specifier).toEqual([]);
    }
  });
});

describe('lint: the demo stands apart', () => {
  it('main/demo importing main/ beyond intel fails', async () => {
    for (const specifier of ['../runtime/errors', '../workplace/http', '../store/index', '../../preload/contract']) {
      const errors = await layering('main/demo/bad.ts', specifier);
      expect(errors, specifier).toHaveLength(1);
      expect(errors[0].message).toContain('main/demo may import only main/demo, main/intel');
      expect(errors[0].message).toContain("Why: the demo community stands in for Workplace's servers");
    }
  });
  it('main/demo importing itself or main/intel passes', async () => {
    expect(await layering('main/demo/routes/ok.ts', '../../intel/geolocation')).toEqual([]);
    expect(await layering('main/demo/routes/ok.ts', '../router')).toEqual([]);
  });
  it('only the in-app demo starter and the demo-server command may import main/demo', async () => {
    for (const file of ['main/console/open-console-like.ts', 'main/sync/bad.ts', 'main/electron/bad.ts']) {
      const errors = await layering(file, '../demo/index', 'type');
      expect(
        errors.some((e) => e.message.includes('main/demo may be imported only by')),
        file,
      ).toBe(true);
    }
    const door = await layering('main/cli/bad.ts', '../demo/index');
    expect(door[0].message).toContain(
      'only by main/console/in-app-demo.ts, main/cli/commands/demo-server.ts. Why: the demo is a separate server',
    );
    expect(await layering('main/console/in-app-demo.ts', '../demo/index')).toEqual([]);
    expect(await layering('main/cli/commands/demo-server.ts', '../../demo/index')).toEqual([]);
  });
});

describe('lint: line width', () => {
  const long = `export const text = '${'x'.repeat(120)}';\n`;
  it('flags a line over 120 characters', async () => {
    expect(await ruleIds(long, 'main/runtime/wide.ts')).toContain('max-len');
  });
  it('leaves URLs and the generated geography data alone', async () => {
    expect(
      await ruleIds(`// https://example.com/${'x'.repeat(120)}\nexport {};\n`, 'main/runtime/url.ts'),
    ).not.toContain('max-len');
    expect(await ruleIds(long, 'main/demo/geo-data.ts')).not.toContain('max-len');
  });
});

describe('lint: no promise left unobserved in main/', () => {
  const floating = async (body: string) => {
    const code =
      "const failing = (): Promise<void> => Promise.reject(new Error('x'));\n" +
      `export function f(): void {\n${body}\n}\n`;
    const [result] = await typeAware.lintText(code, { filePath: path.join(ROOT, REAL_MAIN_FILE) });
    return result.messages.filter((m) => m.ruleId === '@typescript-eslint/no-floating-promises');
  };
  // The first type-aware lint builds the whole main/ program: slow on a busy machine, hence the bound.
  it(
    'fails on a promise that is neither awaited nor caught, and on one hidden behind void',
    { timeout: 240_000 },
    async () => {
      expect(await floating('  failing();')).toHaveLength(1);
      expect(await floating('  void failing();')).toHaveLength(1);
      expect(await floating('  failing().finally(() => undefined);')).toHaveLength(1);
    },
  );
  it('passes a promise with a rejection handler', async () => {
    expect(await floating('  failing().catch((err: unknown) => console.warn(err));')).toEqual([]);
    expect(await floating('  failing().then(undefined, (err: unknown) => console.warn(err));')).toEqual([]);
  });
});
