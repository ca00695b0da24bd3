// Activity from suspicious IP addresses: a successful interactive activity from an address on a
// threat-intelligence list or in a range the admin tagged Risky (Medium), or from an address
// that, within the hour before, failed to sign in as many different users — a password spray
// that just worked (High), whether or not any list knows the address yet.
import { isSuccessfulInteractive } from '../activity-kinds';
import { ipPrevalence, sprayTargets } from '../baseline';
import { adminCategory, isOwnNetwork, listEvidence, rangeEvidence, threatLists } from '../ip-view';
import type { AnomalyPolicy } from '../types';
import { threshold, thresholdSource } from '../types';
import { draft, who } from './common';

export const suspiciousIp: AnomalyPolicy = {
  id: 'suspicious-ip',
  name: 'Activity from suspicious IP addresses',
  description:
    'Successful activity from an IP address on a threat-intelligence list (botnet, C2, DROP) or a range ' +
    'you tagged Risky; High when the address failed to sign in as many users within the hour before.',
  severity: 'Medium',
  mitre: 'Initial access',
  thresholds: {
    sprayUsers: { Low: 15, Medium: 10, High: 8 },
    prevalenceUsers: { Low: 5, Medium: 5, High: 10 },
  },
  evaluate(a, ctx) {
    if (!isSuccessfulInteractive(a)) return null;
    const ip = a.ip!;
    const f = ctx.facts;
    // Nearly every activity: an address that never failed for anyone, on no list, in no range. Said
    // first, as this runs for every successful activity and what follows allocates.
    const fails = ctx.org.sprayFails.get(ip);
    if (!fails && (!f || (f.lists.length === 0 && !f.range))) return null;
    const sprayMin = threshold(this, ctx.settings, 'sprayUsers');
    // Most addresses never failed for anyone: skip building the set of sprayed users for them.
    const sprayed =
      fails && fails.length >= sprayMin ? sprayTargets(ctx.org, ip, a.at).filter((u) => u !== ctx.person.key) : [];
    const spray = sprayed.length >= sprayMin && !isOwnNetwork(f);
    const lists = threatLists(f);
    const risky = adminCategory(f) === 'risky';
    if (!spray && lists.length === 0 && !risky) return null;
    const prevalence = ipPrevalence(ctx.org, ip, a.at, ctx.person.key);
    const minUsers = threshold(this, ctx.settings, 'prevalenceUsers');
    // Shared infrastructure (many colleagues, successfully) is a mis-tag, unless the address also sprayed.
    if (!spray && !risky && prevalence + 1 >= minUsers) return null;
    const reasons: string[] = [];
    if (spray) reasons.push(`failed to sign in as ${sprayed.length} other users within the hour before`);
    for (const l of lists) reasons.push(`listed in ${l.name}`);
    if (risky) reasons.push(`in range ${f!.range!.cidr} you tagged Risky`);
    return draft(this, a, ctx, {
      key: ip,
      severity: spray ? 'High' : 'Medium',
      title: spray
        ? `Successful sign-in after a password spray from ${ip} (${who(ctx)})`
        : `Activity from a suspicious IP address (${ip}) by ${who(ctx)}`,
      description: `${who(ctx)} ${a.type} from ${ip}, which ${reasons.join('; ')}.`,
      evidence: {
        ip,
        reasons,
        spray: {
          distinctUsersLastHour: sprayed.length,
          threshold: sprayMin,
          source: thresholdSource(ctx.settings, 'sprayUsers'),
          sampleUsers: sprayed.slice(0, 20),
        },
        lists: lists.map((l) => listEvidence(l, a.at)),
        range: rangeEvidence(f),
        prevalence: { otherUsers30d: prevalence, suppressedAt: minUsers },
      },
    });
  },
};
