// The Users list's filters: search plus one compact select per field the engine filters on.
// Every value is a URL param (user-list-params.ts), so a filtered list survives a reload.
import { Button, Group, Select, TextInput } from '@mantine/core';
import { IconSearch, IconX } from '@tabler/icons-react';
import { memo } from 'react';
import type { UserListParams } from './user-list-params';

const YES_NO = (yes: string, no: string) => [
  { value: '', label: 'Any' },
  { value: 'true', label: yes },
  { value: 'false', label: no },
];

const FILTERS: { key: string; label: string; data: { value: string; label: string }[] }[] = [
  {
    key: 'status',
    label: 'Status',
    data: [
      { value: '', label: 'Any' },
      { value: 'active', label: 'Active' },
      { value: 'inactive', label: 'Deactivated' },
    ],
  },
  { key: 'admin', label: 'Admin', data: YES_NO('Admins', 'Not admins') },
  { key: 'terminated', label: 'Terminated', data: YES_NO('Terminated', 'Not terminated') },
  { key: 'unclaimed', label: 'Account', data: YES_NO('Unclaimed', 'Claimed') },
  {
    key: 'signIn',
    label: 'Sign-in method',
    data: [
      { value: '', label: 'Any' },
      { value: 'sso', label: 'SSO' },
      { value: 'password', label: 'Password' },
      { value: 'none', label: 'Not known' },
    ],
  },
  { key: 'openAlerts', label: 'Open alerts', data: YES_NO('With open alerts', 'Without') },
];

export const USER_FILTER_KEYS = FILTERS.map((f) => f.key);

/** Memoised: a page of people arriving does not re-render the seven inputs. */
export const UserFilters = memo(function UserFilters({
  params,
  search,
  onSearch,
  onChange,
  onClear,
}: {
  params: UserListParams;
  search: string;
  onSearch: (text: string) => void;
  onChange: (key: string, value: string) => void;
  onClear: () => void;
}) {
  const active = FILTERS.some((f) => params[f.key]) || search !== '';
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        label="Search"
        placeholder="Name, email or department"
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(e) => onSearch(e.currentTarget.value)}
        w={240}
        maxLength={200}
      />
      {FILTERS.map((f) => (
        <Select
          key={f.key}
          label={f.label}
          data={f.data}
          value={params[f.key] ?? ''}
          onChange={(v) => onChange(f.key, v ?? '')}
          allowDeselect={false}
          w={f.key === 'openAlerts' || f.key === 'terminated' ? 150 : 130}
          data-filter={f.key}
        />
      ))}
      {active && (
        <Button variant="subtle" leftSection={<IconX size={14} />} onClick={onClear}>
          Clear filters
        </Button>
      )}
    </Group>
  );
});
