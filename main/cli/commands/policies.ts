// workplace-guard policies list | set ID key=value… | enable ID | disable ID | replay ID|--file F
//                           | add --template T [--id ID] | add --file F
// Anomaly policies are named by their stable id (impossible-travel…); the admin's activity
// policies by their id (`activity:` prefix accepted). Changes apply from the next evaluation.
import fs from 'node:fs';
import { replayActivityPolicy } from '../../detect/activity/replay';
import { ACTIVITY_TEMPLATES, activityTemplate } from '../../detect/activity/templates';
import { ANOMALY_POLICIES, anomalyPolicy } from '../../detect/policies/index';
import { SENSITIVITIES, threshold, type Sensitivity } from '../../detect/types';
import {
  ActivityPolicySchema,
  type ActivityPolicy,
  type AnomalyPolicyConfig,
  type LowPolicyStore,
} from '../../store/policy-store';
import { CliError, type Command } from '../command';
import { intelFor, openIntelSession } from './intel-session';

const MAX_FILE_BYTES = 256 * 1024;

function anomalyRow(p: (typeof ANOMALY_POLICIES)[number], c: AnomalyPolicyConfig) {
  const settings = { enabled: c.enabled, sensitivity: c.sensitivity, params: c.params };
  return {
    id: p.id,
    kind: 'anomaly' as const,
    name: p.name,
    enabled: c.enabled,
    severity: p.severity,
    mitre: p.mitre,
    sensitivity: c.sensitivity,
    includeUsers: c.includeUsers,
    excludeUsers: c.excludeUsers,
    params: c.params,
    thresholds: Object.fromEntries(Object.keys(p.thresholds).map((k) => [k, threshold(p, settings, k)])),
    description: p.description,
  };
}

function activityRow(p: ActivityPolicy) {
  return { ...p, id: `activity:${p.id}`, kind: 'activity' as const };
}

const list = (v: string) =>
  v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

function parseBool(key: string, v: string): boolean {
  if (/^(true|on|yes|1)$/i.test(v)) return true;
  if (/^(false|off|no|0)$/i.test(v)) return false;
  throw new CliError(`${key} must be true or false`, 2);
}

function parseNumber(key: string, v: string): number {
  const n = Number(v);
  if (!/^-?\d+(\.\d+)?$/.test(v) || !Number.isFinite(n))
    throw new CliError(`${key} must be a number (got "${v.slice(0, 40)}")`, 2);
  return n;
}

function pairs(args: string[]): [string, string][] {
  if (args.length === 0) throw new CliError('Give at least one key=value.', 2);
  return args.map((a) => {
    const i = a.indexOf('=');
    if (i <= 0) throw new CliError(`Expected key=value, got "${a.slice(0, 60)}".`, 2);
    return [a.slice(0, i).trim(), a.slice(i + 1).trim()];
  });
}

function applyAnomaly(id: string, c: AnomalyPolicyConfig, kv: [string, string][]): AnomalyPolicyConfig {
  const p = anomalyPolicy(id)!;
  const next = structuredClone(c);
  for (const [k, v] of kv) {
    if (k === 'sensitivity') {
      const s = SENSITIVITIES.find((x) => x.toLowerCase() === v.toLowerCase());
      if (!s) throw new CliError(`sensitivity must be one of: ${SENSITIVITIES.join(', ')}`, 2);
      next.sensitivity = s as Sensitivity;
    } else if (k === 'enabled') next.enabled = parseBool(k, v);
    else if (k === 'include' || k === 'includeUsers') next.includeUsers = list(v);
    else if (k === 'exclude' || k === 'excludeUsers') next.excludeUsers = list(v);
    else if (k in p.thresholds) {
      if (v === '' || v === 'default') delete next.params[k];
      else next.params[k] = parseNumber(k, v);
    } else
      throw new CliError(
        `${id} has no setting "${k}". Settings: sensitivity, enabled, include, exclude, ` +
          `${Object.keys(p.thresholds).join(', ')}.`,
        2,
      );
  }
  return next;
}

function applyActivity(p: ActivityPolicy, kv: [string, string][]): ActivityPolicy {
  const next = structuredClone(p);
  for (const [k, v] of kv) {
    if (k === 'name') next.name = v;
    else if (k === 'description') next.description = v;
    else if (k === 'severity') next.severity = v as ActivityPolicy['severity'];
    else if (k === 'enabled') next.enabled = parseBool(k, v);
    else if (k === 'dailyLimit') next.dailyLimit = parseNumber(k, v);
    else if (k === 'actions') next.actions = list(v) as ActivityPolicy['actions'];
    else if (k === 'every') next.mode = { kind: 'every' };
    else if (k === 'count' || k === 'minutes' || k === 'perIp') {
      const m =
        next.mode.kind === 'repeated' ? next.mode : { kind: 'repeated' as const, count: 2, minutes: 5, perIp: false };
      if (k === 'perIp') m.perIp = parseBool(k, v);
      else m[k] = parseNumber(k, v);
      next.mode = m;
    } else if (k.startsWith('filter.')) {
      const field = k.slice('filter.'.length) as keyof ActivityPolicy['filter'];
      const filter = next.filter as Record<string, unknown>;
      if (v === '') delete filter[field];
      else if (field === 'admin' || field === 'impersonated') filter[field] = parseBool(k, v);
      else if (field === 'asns') filter[field] = list(v).map((x) => parseNumber(k, x));
      else if (field === 'userAgentContains') filter[field] = v;
      else if (field === 'hours') {
        const [from, to] = v.split('-').map((x) => parseNumber(k, x));
        filter[field] = { from, to };
      } else filter[field] = list(v);
    } else throw new CliError(`Activity policies have no setting "${k}".`, 2);
  }
  next.updatedAt = Date.now();
  const checked = ActivityPolicySchema.safeParse(next);
  if (!checked.success) {
    const i = checked.error.issues[0]!;
    throw new CliError(`Invalid policy: ${i.path.join('.') || 'policy'}: ${i.message}`, 2);
  }
  return checked.data;
}

function readPolicyFile(file: string): ActivityPolicy {
  let text: string;
  try {
    const st = fs.statSync(file);
    if (st.size > MAX_FILE_BYTES) throw new CliError(`${file} is larger than ${MAX_FILE_BYTES / 1024} KB.`, 2);
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`Cannot read ${file}: ${(err as Error).message}`, 2);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CliError(`${file} is not JSON: ${(err as Error).message}`, 2);
  }
  const now = Date.now();
  const withDefaults = {
    description: '',
    enabled: true,
    dailyLimit: 20,
    actions: [],
    template: null,
    mode: { kind: 'every' },
    createdAt: now,
    updatedAt: now,
    ...(typeof json === 'object' && json ? json : {}),
  };
  const parsed = ActivityPolicySchema.safeParse(withDefaults);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new CliError(`${file}: ${i.path.join('.') || 'policy'}: ${i.message}`, 2);
  }
  return parsed.data;
}

const activityId = (id: string) => (id.startsWith('activity:') ? id.slice('activity:'.length) : id);

function timeOption(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  const t = Date.parse(String(v));
  if (!Number.isFinite(t)) throw new CliError(`--${name} must be a date or ISO time`, 2);
  return t;
}

export const policiesCommand: Command = {
  name: 'policies',
  summary: 'List, tune, enable/disable, add and replay detection policies',
  usage:
    'policies list | set ID key=value… | enable ID | disable ID | add --template T [--id ID] | add --file F | ' +
    'replay ID|--file F [--since T] [--until T] [--json]',
  options: {
    file: { type: 'string' },
    template: { type: 'string' },
    id: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    fixtures: { type: 'boolean' },
  },
  async run(ctx) {
    const [verb, id, ...rest] = ctx.positionals;
    const session = await openIntelSession(ctx.dataDir);
    const policies: LowPolicyStore = session.store.policies;
    const print = (value: unknown, human: string[]) => {
      if (ctx.json) ctx.out(JSON.stringify(value));
      else for (const l of human) ctx.out(l);
    };
    try {
      if (verb === 'list') {
        const rows = [
          ...ANOMALY_POLICIES.map((p) => anomalyRow(p, policies.anomalyConfig(p.id))),
          ...policies.snapshot().activity.map(activityRow),
        ];
        print(
          rows,
          rows.map(
            (r) =>
              `${r.id.padEnd(36)} ${r.enabled ? 'on ' : 'off'} ${r.severity.padEnd(7)} ` +
              `${'sensitivity' in r ? r.sensitivity.padEnd(7) : 'activity'} ${r.name}`,
          ),
        );
        if (!ctx.json) ctx.out(`templates: ${ACTIVITY_TEMPLATES.map((t) => t.id).join(', ')}`);
        return 0;
      }
      if (verb === 'add') {
        let p: ActivityPolicy;
        if (typeof ctx.values.file === 'string') p = readPolicyFile(ctx.values.file);
        else if (typeof ctx.values.template === 'string') {
          const t = activityTemplate(ctx.values.template);
          if (!t)
            throw new CliError(
              `No template "${ctx.values.template}". Templates: ${ACTIVITY_TEMPLATES.map((x) => x.id).join(', ')}`,
              2,
            );
          const now = Date.now();
          p = { ...t, id: typeof ctx.values.id === 'string' ? ctx.values.id : t.id, createdAt: now, updatedAt: now };
        } else throw new CliError('policies add needs --template T or --file F', 2);
        if (policies.activityPolicy(p.id)) throw new CliError(`An activity policy "${p.id}" exists already.`, 2);
        const saved = await policies.saveActivityPolicy(ActivityPolicySchema.parse(p));
        print(activityRow(saved), [`added activity:${saved.id} (${saved.name})`]);
        return 0;
      }
      if (verb === 'replay') {
        const p =
          typeof ctx.values.file === 'string'
            ? readPolicyFile(ctx.values.file)
            : id
              ? policies.activityPolicy(activityId(id))
              : null;
        if (!p) throw new CliError(id ? `No activity policy "${id}".` : 'policies replay needs ID or --file F', 2);
        const intel = await intelFor(session, ctx.dataDir, ctx.values.fixtures === true);
        const started = performance.now();
        const r = await replayActivityPolicy(session.store, intel, p, {
          since: timeOption(ctx.values.since, 'since'),
          until: timeOption(ctx.values.until, 'until'),
        });
        const ms = Math.round(performance.now() - started);
        print({ ...r, ms }, [
          `${p.name}: ${r.matches} matching activities of ${r.scanned} candidates → ${r.alertCount} alerts ` +
            `(${r.heldBackByDailyLimit} held back by the daily limit) in ${ms} ms`,
          ...r.alerts.map((a) => `  ${new Date(a.at).toISOString()}\t${a.user ?? '—'}\t${a.title}`),
        ]);
        return 0;
      }
      if (!id || !['set', 'enable', 'disable'].includes(verb ?? ''))
        throw new CliError(`usage: workplace-guard ${this.usage}`, 2);
      const kv: [string, string][] =
        verb === 'enable' ? [['enabled', 'true']] : verb === 'disable' ? [['enabled', 'false']] : pairs(rest);
      if (anomalyPolicy(id)) {
        const next = await policies.setAnomalyConfig(id, (c) => applyAnomaly(id, c, kv));
        print(anomalyRow(anomalyPolicy(id)!, next), [`${id}: ${kv.map(([k, v]) => `${k}=${v}`).join(' ')}`]);
        return 0;
      }
      const existing = policies.activityPolicy(activityId(id));
      if (!existing)
        throw new CliError(
          `No policy "${id}". Anomaly policies: ${ANOMALY_POLICIES.map((p) => p.id).join(', ')}; ` +
            'activity policies: see "workplace-guard policies list".',
          2,
        );
      const saved = await policies.saveActivityPolicy(applyActivity(existing, kv));
      print(activityRow(saved), [`activity:${saved.id}: ${kv.map(([k, v]) => `${k}=${v}`).join(' ')}`]);
      return 0;
    } finally {
      await session.close();
    }
  },
};
