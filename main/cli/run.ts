// Entry point of the `workplace-guard` bin (through bin/workplace-guard.mjs).
import { limitHeapGrowth } from '../runtime/heap-growth';
import { runCli } from './index';

limitHeapGrowth();

await runCli(process.argv.slice(2));
