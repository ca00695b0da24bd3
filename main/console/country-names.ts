// Country filters by name or code: "NL", "Netherlands", "the netherlands", "Holland" all mean NL.
// Names come from world-countries (common, official and alternative spellings in English).
import countries from 'world-countries';
import { GuardError } from '../runtime/errors';

/** Lower-cased, accent-free, without a leading "the": how names are compared. */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

let byName: Map<string, string> | null = null;
let codes: Set<string> | null = null;

function tables(): { byName: Map<string, string>; codes: Set<string> } {
  if (!byName || !codes) {
    byName = new Map();
    codes = new Set();
    for (const c of countries) {
      codes.add(c.cca2);
      // Alternative spellings include two-letter codes and local names; codes are handled apart.
      for (const n of [c.name.common, c.name.official, ...c.altSpellings]) {
        const k = fold(n);
        if (k.length > 2 && !byName.has(k)) byName.set(k, c.cca2);
      }
    }
  }
  return { byName, codes };
}

/** The ISO 3166-1 alpha-2 code `text` names; a GuardError that says so when it names none. */
export function countryCode(text: string): string {
  const t = text.trim();
  const { byName, codes } = tables();
  if (/^[A-Za-z]{2}$/.test(t)) {
    const code = t.toUpperCase();
    if (codes.has(code)) return code;
    throw new GuardError('invalid_input', `“${t}” is not a country code; try its name, e.g. Netherlands.`);
  }
  const code = byName.get(fold(t));
  if (code) return code;
  const k = fold(t);
  const starts = k.length >= 3 ? [...new Set([...byName].filter(([n]) => n.startsWith(k)).map(([, c]) => c))] : [];
  if (starts.length === 1) return starts[0];
  throw new GuardError(
    'invalid_input',
    starts.length > 1
      ? `“${t.slice(0, 64)}” could be several countries (${starts.slice(0, 5).join(', ')}): type more of the name.`
      : `No country is called “${t.slice(0, 64)}”: use its English name or two-letter code (NL).`,
  );
}
