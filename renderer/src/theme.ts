// One look for the whole console: system fonts (no remote resources), one accent, and the
// severity colours every screen uses the same way.
import { createTheme, type MantineColor } from '@mantine/core';
import { CONNECTOR_STATE_LABELS, type ConnectorStatus } from '../../preload/contract';

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
