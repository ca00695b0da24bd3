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
    name: 'Tabler Icons',
    licence: 'MIT',
    text: 'Icons by Tabler Icons (tabler.io)',
    url: 'https://tabler.io/icons',
  },
];
