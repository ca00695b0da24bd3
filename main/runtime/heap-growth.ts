// How far V8 lets the heap grow past the live data before it collects again. A sync allocates
// its pages (parsed JSON, normalised records) far faster than it keeps them, and under V8's
// default, adaptive growth the old generation of a 2 M-event first sync swelled to ~700 MB
// around ~150 MB of live data: peak RSS 1.3 GB, all of it garbage waiting for a collection.
// A steady factor of 1.5 kept the same sync at 910 MB peak RSS with the same CPU time (192 s),
// measured on the CLI's first sync of the sync bench's organisation; 20 % cost 23 % more CPU.
import v8 from 'node:v8';

/** Heap growth allowed after a full collection, in per cent of the live heap. */
export const HEAP_GROWING_PERCENT = 50;

/** Applies to the whole process; called first thing by the CLI (and `serve`) and the app. */
export function limitHeapGrowth(): void {
  // Read by V8 at every full collection, so setting it at run time takes effect at once.
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
