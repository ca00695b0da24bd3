// Entry point of the `workplace-guard` bin (through bin/workplace-guard.mjs).
import { runCli } from './index';

await runCli(process.argv.slice(2));
