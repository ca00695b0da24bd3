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

/** `jump`: the letter after `g` that opens the screen from anywhere (components/KeyboardShortcuts.tsx). */
export type NavItem = { id: ScreenId; label: string; icon: Icon; jump: string };
export type NavGroup = { label: string; items: NavItem[] };

export const navGroups: NavGroup[] = [
  {
    label: 'Monitor',
    items: [
      { id: 'dashboard', label: 'Dashboard', icon: IconLayoutDashboard, jump: 'd' },
      { id: 'activity', label: 'Activity', icon: IconActivity, jump: 'a' },
      { id: 'alerts', label: 'Alerts', icon: IconAlertTriangle, jump: 'l' },
      { id: 'users', label: 'Users', icon: IconUsers, jump: 'u' },
    ],
  },
  {
    label: 'Respond',
    items: [
      { id: 'governance', label: 'Governance', icon: IconGavel, jump: 'g' },
      { id: 'policies', label: 'Policies', icon: IconShieldCheck, jump: 'p' },
      { id: 'ip-ranges', label: 'IP ranges', icon: IconWorldWww, jump: 'i' },
      { id: 'posture', label: 'Posture', icon: IconChecklist, jump: 'o' },
    ],
  },
  {
    label: 'System',
    items: [
      { id: 'connector', label: 'Connector', icon: IconPlugConnected, jump: 'c' },
      { id: 'settings', label: 'Settings', icon: IconSettings, jump: 's' },
      { id: 'about', label: 'About', icon: IconInfoCircle, jump: 'b' },
    ],
  },
];

export const navItems: NavItem[] = navGroups.flatMap((g) => g.items);
