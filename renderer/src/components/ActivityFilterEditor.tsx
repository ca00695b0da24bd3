// The editor for one filter field, shown in a popover when a filter is added or its chip opened:
// a draft the admin edits, applied with Enter or "Apply" (never half-typed into the query).
import { Button, Checkbox, Group, ScrollArea, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ACTIVITY_IP_CATEGORIES, type ActivityIpCategory } from '../../../preload/contract';
import { humanize } from '../format';
import type { ActivityFilterForm, TriState } from '../stores/activity-filter';
import { parseAsn } from './filter-to-query';

export type EditableField =
  'user' | 'types' | 'country' | 'ip' | 'asn' | 'ipCategory' | 'device' | 'admin' | 'impersonated' | 'newCountry';

export const FIELD_LABELS: Record<EditableField, string> = {
  user: 'User',
  types: 'Type',
  country: 'Country',
  ip: 'IP address or range',
  asn: 'ASN (network)',
  ipCategory: 'IP category',
  device: 'Device',
  admin: 'By an admin',
  impersonated: 'Impersonated',
  newCountry: 'Sign-in from a new country',
};

export const IP_CATEGORY_LABELS: Record<ActivityIpCategory, string> = {
  corporate: 'Corporate (your ranges)',
  vpn: 'VPN (your ranges)',
  cloud: 'Cloud provider (your ranges)',
  administrative: 'Administrative (your ranges)',
  risky: 'Risky (your ranges)',
  anonymous: 'Anonymous (your ranges)',
  hosting: 'Hosting network',
  'vpn-provider': 'Commercial VPN',
  'private-relay': 'Private relay',
  satellite: 'Satellite',
  mobile: 'Mobile carrier',
  tor: 'Tor exit',
  'threat-list': 'On a threat list',
  'anonymity-list': 'On an anonymity list',
};

const HINTS: Partial<Record<EditableField, string>> = {
  user: 'Email, id or name — the start of it, or with a typo (actor or target)',
  country: 'Name or two-letter code: Netherlands, Holland, NL',
  ip: 'One address, a prefix (203.0.113.) or a CIDR range (203.0.113.0/24)',
  asn: 'AS number, e.g. AS1136',
  device: 'desktop, mobile, tablet, bot — or a browser, OS or app (Chrome, iOS, Workplace)',
};

export function ActivityFilterEditor({
  field,
  form,
  types,
  onApply,
  onCancel,
}: {
  field: EditableField;
  form: ActivityFilterForm;
  /** Types known to the store, for the type picker. */
  types: string[];
  onApply(patch: Partial<ActivityFilterForm>): void;
  onCancel(): void;
}) {
  const [text, setText] = useState(() => (typeof form[field] === 'string' ? (form[field] as string) : ''));
  const [picked, setPicked] = useState<string[]>(form.types);
  const [typeFind, setTypeFind] = useState('');
  const [category, setCategory] = useState<ActivityIpCategory | null>(form.ipCategory);
  const [tri, setTri] = useState<TriState>(
    field === 'admin' || field === 'impersonated' ? (form[field] === 'any' ? 'yes' : form[field]) : 'yes',
  );
  const asnError = field === 'asn' && text.trim() && parseAsn(text) === null ? 'An AS number, e.g. AS1136' : null;

  const apply = () => {
    if (asnError) return;
    if (field === 'types') onApply({ types: picked });
    else if (field === 'ipCategory') onApply({ ipCategory: category });
    else if (field === 'admin' || field === 'impersonated') onApply({ [field]: tri });
    else if (field === 'newCountry') onApply({ newCountry: true });
    else onApply({ [field]: text.trim() });
  };
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') apply();
  };

  let input: React.ReactNode;
  if (field === 'types') {
    const known = [...new Set([...types, ...picked])];
    const needle = typeFind.trim().toLowerCase();
    const shown = known.filter((t) => !needle || t.includes(needle) || humanize(t).toLowerCase().includes(needle));
    input = (
      <Stack gap={6}>
        <TextInput
          label={FIELD_LABELS.types}
          description="Any of the ticked types matches"
          placeholder="Find a type"
          value={typeFind}
          onChange={(e) => setTypeFind(e.currentTarget.value)}
          data-autofocus
        />
        <ScrollArea.Autosize mah={220} type="auto">
          <Checkbox.Group value={picked} onChange={setPicked} aria-label="Types">
            <Stack gap={6} py={4}>
              {shown.map((t) => (
                <Checkbox key={t} value={t} label={humanize(t)} />
              ))}
              {shown.length === 0 && (
                <Text size="sm" c="dimmed">
                  No such type
                </Text>
              )}
            </Stack>
          </Checkbox.Group>
        </ScrollArea.Autosize>
      </Stack>
    );
  } else if (field === 'ipCategory') {
    input = (
      <Select
        label={FIELD_LABELS.ipCategory}
        data={ACTIVITY_IP_CATEGORIES.map((c) => ({ value: c, label: IP_CATEGORY_LABELS[c] }))}
        value={category}
        onChange={(v) => setCategory(v as ActivityIpCategory | null)}
        comboboxProps={{ withinPortal: false }}
        data-autofocus
      />
    );
  } else if (field === 'newCountry') {
    input = (
      <Text size="sm" maw={320}>
        Only successful sign-ins from a country the user had never signed in from before (their first sign-in excluded).
      </Text>
    );
  } else if (field === 'admin' || field === 'impersonated') {
    input = (
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {FIELD_LABELS[field]}
        </Text>
        <SegmentedControl
          value={tri}
          onChange={(v) => setTri(v as TriState)}
          data={[
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ]}
          aria-label={FIELD_LABELS[field]}
        />
      </Stack>
    );
  } else {
    input = (
      <TextInput
        label={FIELD_LABELS[field]}
        description={HINTS[field]}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={onKey}
        maxLength={field === 'user' ? 320 : 64}
        spellCheck={false}
        error={asnError}
        data-autofocus
      />
    );
  }
  return (
    <Stack gap="sm" w={340} data-testid={`filter-editor-${field}`}>
      {input}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" size="xs" onClick={onCancel}>
          Cancel
        </Button>
        <Button size="xs" onClick={apply} disabled={!!asnError}>
          Apply
        </Button>
      </Group>
    </Stack>
  );
}
