import {
  IconActivity,
  IconAlertTriangle,
  IconChecklist,
  IconGavel,
  IconInfoCircle,
  IconLayoutDashboard,
  IconPlugConnected,
  IconSettings,
  IconShieldCheck,
  IconUsers,
  IconWorldWww,
  type Icon,
} from '@tabler/icons-react';
import type { ScreenId } from '../stores/navigation';

export type NavItem = { id: ScreenId; label: string; icon: Icon };
export type NavGroup = { label: string; items: NavItem[] };

export const navGroups: NavGroup[] = [
  {
    label: 'Monitor',
    items: [
      { id: 'dashboard', label: 'Dashboard', icon: IconLayoutDashboard },
      { id: 'activity', label: 'Activity', icon: IconActivity },
      { id: 'alerts', label: 'Alerts', icon: IconAlertTriangle },
      { id: 'users', label: 'Users', icon: IconUsers },
    ],
  },
  {
    label: 'Respond',
    items: [
      { id: 'governance', label: 'Governance', icon: IconGavel },
      { id: 'policies', label: 'Policies', icon: IconShieldCheck },
      { id: 'ip-ranges', label: 'IP ranges', icon: IconWorldWww },
      { id: 'posture', label: 'Posture', icon: IconChecklist },
    ],
  },
  {
    label: 'System',
    items: [
      { id: 'connector', label: 'Connector', icon: IconPlugConnected },
      { id: 'settings', label: 'Settings', icon: IconSettings },
      { id: 'about', label: 'About', icon: IconInfoCircle },
    ],
  },
];
