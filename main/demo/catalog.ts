// Static vocabulary of the demo organisation: names, jobs, devices, files and the security
// event types it emits.

export const COMPANY = {
  name: 'Brightwave Logistics',
  domain: 'brightwave.example',
  communityId: '100038294712245',
  appName: 'Workplace Guard',
};

/** Given names and family names by region, so a user in Tokyo is not called Smith. */
export const NAMES: Record<string, { given: string[]; family: string[] }> = {
  anglo: {
    given: ['Oliver', 'Amelia', 'Harry', 'Isla', 'George', 'Ava', 'Noah', 'Mia', 'Jack', 'Grace', 'Leo', 'Emily', 'Arthur', 'Sophie', 'Oscar', 'Chloe', 'James', 'Ella', 'William', 'Lucy', 'Thomas', 'Hannah', 'Daniel', 'Olivia', 'Ethan', 'Emma', 'Liam', 'Charlotte', 'Mason', 'Abigail', 'Logan', 'Madison', 'Ryan', 'Zoe', 'Nathan', 'Ruby', 'Connor', 'Megan', 'Aidan', 'Niamh'],
    family: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Miller', 'Davis', 'Anderson', 'Martin', 'Moore', 'Lee', 'Harris', 'Clark', 'Lewis', 'Young', "O'Brien", 'Murphy', 'Kelly', 'Byrne', 'Walsh', 'Campbell', 'Stewart', 'Murray', 'Scott', 'Reid'],
  },
  germanic: {
    given: ['Lukas', 'Lena', 'Felix', 'Anna', 'Jonas', 'Marie', 'Paul', 'Sophie', 'Maximilian', 'Laura', 'Lars', 'Sanne', 'Daan', 'Femke', 'Erik', 'Astrid', 'Johan', 'Ingrid', 'Sven', 'Elin', 'Niklas', 'Lea', 'Tim', 'Julia', 'Matthias', 'Katrin'],
    family: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann', 'Schulz', 'de Vries', 'Jansen', 'van Dijk', 'Bakker', 'Visser', 'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Lindqvist', 'Keller', 'Huber', 'Brunner', 'Baumann'],
  },
  romance: {
    given: ['Lucas', 'Léa', 'Hugo', 'Chloé', 'Louis', 'Camille', 'Gabriel', 'Manon', 'Alejandro', 'Lucía', 'Pablo', 'Sofía', 'Javier', 'Carmen', 'Marco', 'Giulia', 'Luca', 'Francesca', 'Matteo', 'Chiara', 'Diego', 'Valentina', 'Mateo', 'Isabella', 'João', 'Beatriz'],
    family: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Hernández', 'Silva', 'Santos', 'Oliveira', 'Souza', 'Pereira'],
  },
  slavic: {
    given: ['Jakub', 'Zuzanna', 'Kacper', 'Julia', 'Szymon', 'Maja', 'Piotr', 'Katarzyna', 'Tomasz', 'Agnieszka', 'Michał', 'Magdalena'],
    family: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański', 'Woźniak'],
  },
  indian: {
    given: ['Aarav', 'Ananya', 'Vihaan', 'Diya', 'Arjun', 'Isha', 'Rohan', 'Priya', 'Karthik', 'Lakshmi', 'Rahul', 'Sneha', 'Vikram', 'Meera'],
    family: ['Sharma', 'Patel', 'Iyer', 'Reddy', 'Nair', 'Gupta', 'Rao', 'Menon', 'Kumar', 'Singh', 'Desai', 'Joshi'],
  },
  eastasian: {
    given: ['Haruto', 'Yui', 'Sota', 'Hina', 'Ren', 'Aoi', 'Wei', 'Mei', 'Jun', 'Xin', 'Kenji', 'Sakura', 'Min-jun', 'Seo-yeon', 'Ethan', 'Chloe'],
    family: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Tan', 'Lim', 'Lee', 'Ng', 'Wong', 'Chen', 'Kim', 'Park', 'Nakamura', 'Kobayashi'],
  },
  african: {
    given: ['Thabo', 'Naledi', 'Sipho', 'Lerato', 'Kagiso', 'Zanele', 'Pieter', 'Annelie'],
    family: ['Nkosi', 'Dlamini', 'Mokoena', 'Naidoo', 'van der Merwe', 'Botha', 'Khumalo', 'Pillay'],
  },
};

export const COUNTRY_NAMES: Record<string, string> = {
  GB: 'anglo', US: 'anglo', CA: 'anglo', IE: 'anglo', AU: 'anglo',
  DE: 'germanic', NL: 'germanic', SE: 'germanic', CH: 'germanic',
  FR: 'romance', ES: 'romance', IT: 'romance', BR: 'romance', MX: 'romance',
  PL: 'slavic', IN: 'indian', SG: 'eastasian', JP: 'eastasian', ZA: 'african',
};

export interface Department {
  name: string;
  division: string;
  weight: number;
  head: string;
  lead: string;
  titles: string[];
  traveller: number;
}

export const DEPARTMENTS: Department[] = [
  { name: 'Engineering', division: 'Product & Technology', weight: 24, head: 'VP Engineering', lead: 'Engineering Manager', titles: ['Software Engineer', 'Senior Software Engineer', 'Staff Engineer', 'QA Engineer', 'Site Reliability Engineer', 'Data Engineer'], traveller: 0.02 },
  { name: 'Product', division: 'Product & Technology', weight: 6, head: 'Chief Product Officer', lead: 'Group Product Manager', titles: ['Product Manager', 'Product Designer', 'UX Researcher'], traveller: 0.04 },
  { name: 'Operations', division: 'Operations', weight: 20, head: 'COO', lead: 'Operations Manager', titles: ['Logistics Coordinator', 'Warehouse Planner', 'Fleet Analyst', 'Operations Analyst', 'Dispatcher'], traveller: 0.05 },
  { name: 'Sales', division: 'Commercial', weight: 14, head: 'Chief Revenue Officer', lead: 'Regional Sales Director', titles: ['Account Executive', 'Sales Development Rep', 'Key Account Manager', 'Solutions Consultant'], traveller: 0.3 },
  { name: 'Marketing', division: 'Commercial', weight: 6, head: 'CMO', lead: 'Marketing Lead', titles: ['Marketing Manager', 'Content Strategist', 'Brand Designer', 'Events Manager'], traveller: 0.1 },
  { name: 'Customer Support', division: 'Commercial', weight: 12, head: 'VP Customer Experience', lead: 'Support Team Lead', titles: ['Support Specialist', 'Customer Success Manager', 'Technical Support Engineer'], traveller: 0.01 },
  { name: 'Finance', division: 'Corporate', weight: 6, head: 'CFO', lead: 'Finance Manager', titles: ['Financial Analyst', 'Accountant', 'Payroll Specialist', 'Controller'], traveller: 0.03 },
  { name: 'People', division: 'Corporate', weight: 4, head: 'Chief People Officer', lead: 'HR Business Partner', titles: ['Recruiter', 'People Partner', 'L&D Specialist'], traveller: 0.03 },
  { name: 'Legal', division: 'Corporate', weight: 2, head: 'General Counsel', lead: 'Senior Counsel', titles: ['Legal Counsel', 'Paralegal', 'Compliance Officer'], traveller: 0.05 },
  { name: 'IT', division: 'Corporate', weight: 6, head: 'CIO', lead: 'IT Manager', titles: ['Systems Administrator', 'IT Support Analyst', 'Security Engineer', 'Identity Engineer'], traveller: 0.02 },
];

/** Real user-agent strings, desktop then mobile. */
export const DESKTOP_UAS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36 Edg/123.0.2420.81',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Workplace/1.0.170 Chrome/118.0.5993.159 Electron/27.1.3 Safari/537.36',
];
export const MOBILE_UAS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/21E219 [FBAN/FBIOS;FBAV/460.0.0.36.109;FBBV/588422357;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.4;FBSS/3;FBCR/;FBID/phone;FBLC/en_GB;FBOP/80]',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.6312.118 Mobile Safari/537.36',
  'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
];
/** What attackers and tools send. */
export const ATTACKER_UAS = [
  'python-requests/2.31.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Firefox/115.0',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.109 Safari/537.36',
];
export const SERVICE_UA = 'Brightwave-Integrations/3.2 (+https://brightwave.example/it)';

export const FILE_NAMES = [
  'Q3 forecast.xlsx', 'Route plan - North.pdf', 'Fleet maintenance schedule.xlsx', 'Carrier contract draft.docx', 'Onboarding checklist.pdf',
  'Warehouse layout v4.pdf', 'Customer list EMEA.csv', 'Board deck.pptx', 'Incident postmortem.docx', 'Pricing model 2026.xlsx',
  'Holiday rota.xlsx', 'Team offsite agenda.docx', 'Security awareness.pdf', 'Sprint review.pptx', 'Shipment exceptions.csv',
  'Invoice 4471.pdf', 'Payroll export.csv', 'Org chart.pdf', 'Product roadmap.pptx', 'Travel policy.pdf', 'Expense report.xlsx',
  'Vendor assessment.docx', 'API integration guide.pdf', 'Depot photos.zip', 'Training video.mp4', 'Customer escalation.msg',
  'Benefits guide.pdf', 'Capacity plan.xlsx', 'Release notes.md', 'Logo pack.zip',
];

export const ADMIN_ROLES = ['Group admin', 'Content moderator', 'Billing admin', 'Support admin', 'Account manager'];

export interface EventType {
  name: string;
  code: string;
  /** Counted as an administrative action by the console's detections. */
  admin: boolean;
}

/** Index = the value stored in the event store's `type` column. */
export const EVENT_TYPES = [
  { name: 'Logged in', code: '10001', admin: false },
  { name: 'Login Failed', code: '10002', admin: false },
  { name: 'Logged out', code: '10003', admin: false },
  { name: 'Forced Logout', code: '10004', admin: true },
  { name: 'Password Changed', code: '10010', admin: false },
  { name: 'Password Reset Code Requested', code: '10011', admin: false },
  { name: 'Password Reset Succeeded', code: '10012', admin: false },
  { name: 'Forced Password Reset', code: '10013', admin: true },
  { name: 'Two-Factor Authentication Enabled', code: '10020', admin: false },
  { name: 'Two-Factor Code Entry Succeeded', code: '10021', admin: false },
  { name: 'Two-Factor Code Entry Failed', code: '10022', admin: false },
  { name: 'SSO Reauthentication', code: '10030', admin: false },
  { name: 'Account Created', code: '10040', admin: true },
  { name: 'Account Deactivated', code: '10041', admin: true },
  { name: 'Account Activated', code: '10042', admin: true },
  { name: 'Account Promoted to Admin', code: '10043', admin: true },
  { name: 'New role assigned', code: '10044', admin: true },
  { name: 'Email Changed', code: '10045', admin: true },
  { name: 'File Uploaded', code: '10050', admin: false },
  { name: 'File Downloaded', code: '10051', admin: false },
  { name: 'Integration Installed', code: '10060', admin: true },
] as const satisfies readonly EventType[];

type TypeName = (typeof EVENT_TYPES)[number]['name'];
const typeIndex = new Map<string, number>(EVENT_TYPES.map((t, i) => [t.name, i]));
export function typeOf(name: TypeName): number {
  return typeIndex.get(name)!;
}

export const T = {
  login: typeOf('Logged in'),
  loginFailed: typeOf('Login Failed'),
  logout: typeOf('Logged out'),
  forcedLogout: typeOf('Forced Logout'),
  passwordChanged: typeOf('Password Changed'),
  resetRequested: typeOf('Password Reset Code Requested'),
  resetSucceeded: typeOf('Password Reset Succeeded'),
  forcedReset: typeOf('Forced Password Reset'),
  mfaEnabled: typeOf('Two-Factor Authentication Enabled'),
  mfaOk: typeOf('Two-Factor Code Entry Succeeded'),
  mfaFailed: typeOf('Two-Factor Code Entry Failed'),
  ssoReauth: typeOf('SSO Reauthentication'),
  accountCreated: typeOf('Account Created'),
  accountDeactivated: typeOf('Account Deactivated'),
  accountActivated: typeOf('Account Activated'),
  promoted: typeOf('Account Promoted to Admin'),
  roleAssigned: typeOf('New role assigned'),
  emailChanged: typeOf('Email Changed'),
  fileUploaded: typeOf('File Uploaded'),
  fileDownloaded: typeOf('File Downloaded'),
  integrationInstalled: typeOf('Integration Installed'),
};

/** Reasons stored in the `arg` column of Login Failed events. */
export const FAILURE_REASONS = ['incorrect_password', 'unknown_user', 'account_deactivated', 'password_expired'] as const;
export const REASON = { wrongPassword: 0, unknownUser: 1, deactivated: 2 } as const;
