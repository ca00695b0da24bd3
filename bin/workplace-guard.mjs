#!/usr/bin/env node
// The CLI runs the TypeScript sources through tsx, so `npx workplace-guard` works right after
// `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/run.ts');
