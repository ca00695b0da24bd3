// Which activity types the dashboard lists first. An admin looks for sign-ins, password and 2FA
// changes, role changes and impersonation before file traffic, even when files outnumber them a
// thousand to one; so types are grouped by what they mean, then ordered by count in each group.

export type TypeGroup = 'security' | 'files' | 'other';

const SECURITY = [/^login\./, /^logout\.forced$/, /^password\./, /^mfa\./, /^account\./, /^admin\./, /imperson/];
const FILES = [/^file\./];

export function typeGroup(type: string): TypeGroup {
  const t = type.toLowerCase();
  if (SECURITY.some((re) => re.test(t))) return 'security';
  if (FILES.some((re) => re.test(t))) return 'files';
  return 'other';
}

export const TYPE_GROUP_TITLES: Record<TypeGroup, string> = {
  security: 'Security',
  files: 'File traffic',
  other: 'Other activity',
};

/** The types in display order: security first, then files, then the rest; by count within each. */
export function rankTypes<T extends { type: string; count: number }>(data: T[]): { group: TypeGroup; items: T[] }[] {
  const order: TypeGroup[] = ['security', 'files', 'other'];
  return order
    .map((group) => ({
      group,
      items: data
        .filter((d) => typeGroup(d.type) === group)
        .sort((a, b) => b.count - a.count || (a.type < b.type ? -1 : 1)),
    }))
    .filter((g) => g.items.length > 0);
}
