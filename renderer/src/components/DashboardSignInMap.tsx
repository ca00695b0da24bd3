// Where people sign in from, last 30 days: a world map drawn offline, shaded by successful
// sign-ins per country (red where only failed sign-ins came from), with the busiest countries
// listed beside it. A country opens the timeline on its sign-ins.
import { Card, Grid, Group, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import type { CountrySignIns } from '../../../preload/contract';
import { countryName, formatNumber } from '../format';
import { guard } from '../guard';
import { ErrorAlert } from './States';
import { useGuardQuery } from './useGuardQuery';
import { WorldMap, type WorldMapPlace } from './WorldMap';
import rowClasses from './DashboardRow.module.css';

const LISTED = 8;

function describe(c: CountrySignIns): string {
  const failed = c.failed ? `, ${formatNumber(c.failed)} failed` : '';
  return `${countryName(c.country)}: ${formatNumber(c.signIns)} sign-ins${failed}`;
}

export function DashboardSignInMap({
  since,
  version,
  onPick,
}: {
  since: number;
  version: number;
  onPick: (country: string) => void;
}) {
  const q = useGuardQuery(() => guard.dashboard.signInsByCountry({ since }), [since, version]);
  const places: WorldMapPlace[] = (q.data?.countries ?? []).map((c) => ({
    country: c.country,
    numeric: c.numeric,
    lat: c.lat,
    lon: c.lon,
    count: c.signIns > 0 ? c.signIns : c.failed,
    warn: c.signIns === 0,
    label: describe(c),
  }));
  const total = q.data?.countries.reduce((n, c) => n + c.signIns, 0) ?? 0;
  return (
    <Card data-testid="dashboard-map">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4">
          Sign-ins by country
        </Title>
        <Text size="xs" c="dimmed">
          Last 30 days · {formatNumber(total)} located sign-ins in {formatNumber(q.data?.countries.length ?? 0)}{' '}
          countries
        </Text>
      </Group>
      {q.error ? (
        <ErrorAlert title="Could not count sign-ins by country" error={q.error} onRetry={q.reload} />
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <WorldMap
              places={places}
              onPick={onPick}
              height={260}
              ariaLabel={`World map of sign-ins by country, last 30 days: ${places
                .slice(0, 5)
                .map((p) => p.label)
                .join('; ')}`}
            />
            <Text size="xs" c="dimmed" mt={6}>
              Darker blue: more successful sign-ins. Red: only failed sign-ins came from there.
              {q.data && q.data.unlocated > 0 && ` ${formatNumber(q.data.unlocated)} sign-ins had no known place.`}
            </Text>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack gap={2}>
              {(q.data?.countries ?? []).slice(0, LISTED).map((c) => (
                <UnstyledButton
                  key={c.country}
                  onClick={() => onPick(c.country)}
                  className={rowClasses.row}
                  style={{ borderRadius: 6, padding: '4px 8px' }}
                  data-country-row={c.country}
                >
                  <Group justify="space-between" wrap="nowrap">
                    <Text size="sm" truncate>
                      {countryName(c.country)}
                    </Text>
                    <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {formatNumber(c.signIns)}
                      {c.failed > 0 && (
                        <Text span size="xs" fw={600} style={{ color: 'var(--mantine-color-red-text)' }}>
                          {' '}
                          +{formatNumber(c.failed)} failed
                        </Text>
                      )}
                    </Text>
                  </Group>
                </UnstyledButton>
              ))}
              {q.data && q.data.countries.length === 0 && (
                <Text size="sm" c="dimmed">
                  No located sign-ins in the last 30 days.
                </Text>
              )}
            </Stack>
          </Grid.Col>
        </Grid>
      )}
    </Card>
  );
}
