// One look for the whole console: system fonts (no remote resources), one accent, and the
// severity colours every screen uses the same way.
import { createTheme, DEFAULT_THEME, type CSSVariablesResolver, type MantineColor } from '@mantine/core';
import { CONNECTOR_STATE_LABELS, type ConnectorStatus } from '../../preload/contract';
import { mix, readableOn } from './theme-contrast';

const systemFont =
  'system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, Cantarell, "Noto Sans", "Helvetica Neue", Arial, sans-serif';
const monoFont =
  'ui-monospace, "SF Mono", "Cascadia Mono", "Segoe UI Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace';

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 5 },
  fontFamily: systemFont,
  fontFamilyMonospace: monoFont,
  headings: { fontFamily: systemFont, fontWeight: '650' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  components: {
    Card: { defaultProps: { withBorder: true, radius: 'md', padding: 'lg' } },
    Paper: { defaultProps: { radius: 'md' } },
    Tooltip: { defaultProps: { withArrow: true, openDelay: 300 } },
  },
});

const palette = DEFAULT_THEME.colors;
/** Where text sits in light mode: the page, cards, striped and hovered rows. */
const lightSurfaces = ['#ffffff', palette.gray[0], palette.gray[1]];
/** …and in dark mode: the page (dark 7), cards and inputs (dark 6), the header and navbar. */
const darkSurfaces = [palette.dark[7], palette.dark[6], palette.dark[8]];

/**
 * Mantine's colour variables with every text colour at 4.5:1 or better on the surfaces it is
 * drawn on (WCAG AA; theme-contrast.ts): dimmed text, coloured text (`c="orange"`), error text,
 * and white text on filled buttons and badges. Passed to MantineProvider in main.tsx.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => {
  const light: Record<string, string> = {};
  const dark: Record<string, string> = {};
  for (const [name, shades] of Object.entries(palette)) {
    if (name === 'dark') continue;
    light[`--mantine-color-${name}-text`] = readableOn(shades[7], [...lightSurfaces, shades[1]]);
    // Text on the colour's own tint (light variant: alerts, badges): shade 9 is not always enough (yellow).
    light[`--mantine-color-${name}-light-color`] = readableOn(shades[9], ['#ffffff', shades[0], shades[1]]);
    const filledLight = readableOn(shades[7], ['#ffffff']);
    light[`--mantine-color-${name}-filled`] = filledLight;
    light[`--mantine-color-${name}-filled-hover`] = mix(filledLight, '#000000', 0.12);
    // Dark mode draws coloured text on the page and on the colour's own tint (Mantine's 'light').
    dark[`--mantine-color-${name}-text`] = readableOn(shades[4], [...darkSurfaces, mix(shades[9], '#000000', 0.5)]);
    dark[`--mantine-color-${name}-light-color`] = readableOn(shades[0], [mix(shades[9], '#000000', 0.5)]);
    const filledDark = readableOn(shades[6], ['#ffffff']);
    dark[`--mantine-color-${name}-filled`] = filledDark;
    dark[`--mantine-color-${name}-filled-hover`] = mix(filledDark, '#000000', 0.12);
  }
  // Dimmed text also sits inside coloured alerts (on their tint), so it must pass there too.
  const tinted = Object.entries(palette).filter(([name]) => name !== 'dark');
  const lightTints = tinted.map(([, shades]) => shades[1]);
  const darkTints = tinted.map(([, shades]) => mix(shades[9], '#000000', 0.5));
  light['--mantine-color-dimmed'] = readableOn(palette.gray[6], [...lightSurfaces, ...lightTints]);
  light['--mantine-color-error'] = readableOn(palette.red[7], lightSurfaces);
  dark['--mantine-color-dimmed'] = readableOn(palette.dark[2], [...darkSurfaces, ...darkTints]);
  dark['--mantine-color-error'] = readableOn(palette.red[5], darkSurfaces);
  return { variables: {}, light, dark };
};

export type Severity = 'Informational' | 'Low' | 'Medium' | 'High';
export const severityColor: Record<Severity, MantineColor> = {
  Informational: 'gray',
  Low: 'yellow',
  Medium: 'orange',
  High: 'red',
};

export type ConnectorState = ConnectorStatus['state'];
export const connectorStateLabel: Record<ConnectorState, string> = CONNECTOR_STATE_LABELS;
export const connectorStateColor: Record<ConnectorState, MantineColor> = {
  not_connected: 'gray',
  connecting: 'blue',
  first_sync: 'blue',
  connected: 'teal',
  error: 'red',
  disconnected: 'gray',
};

export const connectionMethodLabel: Record<NonNullable<ConnectorStatus['method']>, string> = {
  consent: 'Add to Workplace (consent)',
  token: 'Custom integration token',
  app_credentials: 'Admin Center app credentials',
  demo: 'Demo community',
};
