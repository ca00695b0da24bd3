// Why an alert fired, with the numbers the policy recorded. Impossible travel gets its own view
// (both places on the map, distance and speed against the limit); every other policy's evidence
// is shown as labelled values, nested places flattened one level.
import { Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { countryName, formatDateTime, formatNumber, humanize } from '../format';
import { TravelMap } from './TravelMap';

type Values = Record<string, unknown>;
type Place = { at?: number; ip?: string; country?: string | null; city?: string | null; lat?: number; lon?: number };

const isPlace = (v: unknown): v is Place =>
  typeof v === 'object' && v !== null && typeof (v as Place).lat === 'number' && typeof (v as Place).lon === 'number';
const placeName = (p: Place) => [p.city, p.country ? countryName(p.country) : null].filter(Boolean).join(', ') || '?';

/** `distanceMinusRadiiKm` → "Distance minus radii km". */
const label = (k: string) => humanize(k.replace(/([a-z0-9])([A-Z])/g, '$1 $2'));

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(show).join(', ');
  return JSON.stringify(v);
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="lg" fw={700}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Stack>
  );
}

function Travel({ v }: { v: Values & { from: Place; to: Place } }) {
  const num = (k: string) => (typeof v[k] === 'number' ? (v[k] as number) : null);
  const minutes = num('minutes');
  return (
    <Stack gap="sm" data-testid="travel-evidence">
      <TravelMap
        from={{ lat: v.from.lat!, lon: v.from.lon!, label: v.from.city ?? placeName(v.from) }}
        to={{ lat: v.to.lat!, lon: v.to.lon!, label: v.to.city ?? placeName(v.to) }}
      />
      <SimpleGrid cols={4}>
        <Stat
          label="Distance"
          value={`${formatNumber(num('distanceMinusRadiiKm'))} km`}
          hint={`${formatNumber(num('greatCircleKm'))} km minus both locations' uncertainty`}
        />
        <Stat
          label="Time between"
          value={
            minutes === null
              ? '—'
              : minutes >= 120
                ? `${formatNumber(Math.round(minutes / 6) / 10)} h`
                : `${minutes} min`
          }
        />
        <Stat
          label="Implied speed"
          value={`${formatNumber(num('speedKmh'))} km/h`}
          hint={`limit ${formatNumber(num('maxSpeedKmh'))} km/h (${show(v.source)})`}
        />
        <Stat label="Minimum distance" value={`${formatNumber(num('minDistanceKm'))} km`} />
      </SimpleGrid>
      <Group gap="xl">
        {(['from', 'to'] as const).map((k) => (
          <Text size="sm" key={k}>
            <b>{k === 'from' ? 'From' : 'Then'}:</b> {placeName(v[k])} · {v[k].ip} · {formatDateTime(v[k].at ?? null)}
          </Text>
        ))}
      </Group>
    </Stack>
  );
}

export function EvidenceView({ values }: { values: Values }) {
  if (isPlace(values.from) && isPlace(values.to)) return <Travel v={values as Values & { from: Place; to: Place }} />;
  const rows: [string, string][] = [];
  for (const [k, v] of Object.entries(values)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k2, v2] of Object.entries(v as Values)) rows.push([`${label(k)} · ${label(k2)}`, show(v2)]);
    } else rows.push([label(k), show(v)]);
  }
  return (
    <Table withRowBorders={false} verticalSpacing={4} data-testid="evidence-values">
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Td w={260}>
              <Text size="sm" c="dimmed">
                {k}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" fw={500}>
                {v}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
