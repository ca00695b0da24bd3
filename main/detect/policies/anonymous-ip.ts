// Activity from anonymous IP addresses: a successful interactive activity from a Tor exit, an
// anonymous proxy, a commercial VPN network, or a range the admin tagged Anonymous. An address
// shared by many colleagues is infrastructure (likely a mis-tag), not an attacker hiding.
import { isSuccessfulInteractive } from '../activity-kinds';
import { ipPrevalence } from '../baseline';
import { adminCategory, anonymityLists, isOwnNetwork, listEvidence, rangeEvidence } from '../ip-view';
import type { AnomalyPolicy } from '../types';
import { threshold, thresholdSource } from '../types';
import { draft, who } from './common';

export const anonymousIp: AnomalyPolicy = {
  id: 'anonymous-ip',
  name: 'Activity from anonymous IP addresses',
  description:
    'Successful activity from an IP address tagged as a Tor exit node, an anonymous proxy, ' +
    'a VPN-provider network, or a range you tagged Anonymous.',
  severity: 'Medium',
  mitre: 'Initial access',
  thresholds: {
    /** Distinct users of the address in 30 days at which it counts as shared infrastructure. */
    prevalenceUsers: { Low: 5, Medium: 5, High: 10 },
    /** 1: commercial VPN networks count as anonymous too (0 at Low: Tor, proxies and tags only). */
    vpnProviders: { Low: 0, Medium: 1, High: 1 },
  },
  evaluate(a, ctx) {
    if (!isSuccessfulInteractive(a) || !ctx.facts || isOwnNetwork(ctx.facts)) return null;
    const f = ctx.facts;
    const reasons: string[] = [];
    const lists = anonymityLists(f);
    for (const l of lists) reasons.push(`listed in ${l.name}`);
    if (adminCategory(f) === 'anonymous') reasons.push(`in range ${f.range!.cidr} you tagged Anonymous`);
    if (f.network === 'vpn-provider' && threshold(this, ctx.settings, 'vpnProviders') >= 1)
      reasons.push(`on a VPN provider's network (AS${f.asn ?? '?'} ${f.asOrg ?? ''})`.trim());
    if (reasons.length === 0) return null;
    const minUsers = threshold(this, ctx.settings, 'prevalenceUsers');
    const prevalence = ipPrevalence(ctx.org, a.ip!, a.at, ctx.person.key);
    // The admin's own Anonymous tag is deliberate; prevalence only second-guesses built-in data.
    if (adminCategory(f) !== 'anonymous' && prevalence + 1 >= minUsers) return null;
    return draft(this, a, ctx, {
      key: a.ip!,
      title: `Activity from an anonymous IP address (${a.ip}) by ${who(ctx)}`,
      description: `${who(ctx)} ${a.type} from ${a.ip}, ${reasons.join('; ')}.`,
      evidence: {
        ip: a.ip,
        reasons,
        lists: lists.map((l) => listEvidence(l, a.at)),
        range: rangeEvidence(f),
        network: f.network,
        asn: f.asn,
        asOrg: f.asOrg,
        prevalence: {
          otherUsers30d: prevalence,
          suppressedAt: minUsers,
          source: thresholdSource(ctx.settings, 'prevalenceUsers'),
        },
      },
    });
  },
};
