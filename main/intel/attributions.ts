// Third-party data shown in the About view (and wherever locations are shown).
export const attributions = [
  {
    name: 'DB-IP City Lite',
    licence: 'CC BY 4.0',
    text: 'IP Geolocation by DB-IP (db-ip.com)',
    url: 'https://db-ip.com',
  },
  {
    name: 'ip-location-db',
    licence: 'CC BY 4.0 (data) / MIT (packaging)',
    text: 'Geolocation data packaged by the ip-location-db project (sapics/ip-location-db)',
    url: 'https://github.com/sapics/ip-location-db',
  },
  {
    name: 'ASN data (ip-location-db asn)',
    licence: 'CC BY 4.0',
    text: 'ASN data from RouteViews (University of Oregon) and DB-IP (db-ip.com), packaged by ip-location-db',
    url: 'https://github.com/sapics/ip-location-db',
  },
  {
    name: 'world-countries',
    licence: 'ODbL-1.0',
    text: 'Land borders between countries from the world-countries dataset (mledoze/countries), ODbL 1.0',
    url: 'https://github.com/mledoze/countries',
  },
  {
    name: 'Spamhaus DROP',
    licence: 'Spamhaus DROP terms (free use, attribution)',
    text: "Spamhaus Don't Route Or Peer lists © The Spamhaus Project (spamhaus.org), when refreshed online",
    url: 'https://www.spamhaus.org/blocklists/do-not-route-or-peer/',
  },
  {
    name: 'Tabler Icons',
    licence: 'MIT',
    text: 'Icons by Tabler Icons (tabler.io)',
    url: 'https://tabler.io/icons',
  },
];
