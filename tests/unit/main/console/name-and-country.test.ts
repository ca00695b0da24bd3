import { describe, expect, it } from 'vitest';
import { countryCode } from '../../../../main/console/country-names';
import { editDistance, nameMatches } from '../../../../main/console/name-match';

describe('nameMatches', () => {
  it('matches word starts in any order, accents folded', () => {
    expect(nameMatches('ann', 'Anna Smith')).toBe(true);
    expect(nameMatches('smith anna', 'Anna Smith')).toBe(true);
    expect(nameMatches('jose', 'José Álvarez')).toBe(true);
    expect(nameMatches('anna smith', 'Anna Smithers')).toBe(true);
  });
  it('forgives one slip in a short word and two in a long one, none in a word under four letters', () => {
    expect(nameMatches('Smtih', 'Anna Smith')).toBe(true);
    expect(nameMatches('Aleksander', 'Alexander Berg')).toBe(true);
    expect(nameMatches('Smxyh', 'Anna Smith')).toBe(false);
    expect(nameMatches('amn', 'Anna Smith')).toBe(false);
  });
  it('needs every word to match a different word of the name', () => {
    expect(nameMatches('anna anna', 'Anna Smith')).toBe(false);
    expect(nameMatches('anna jones', 'Anna Smith')).toBe(false);
    expect(nameMatches('', 'Anna Smith')).toBe(false);
  });
  it('computes the optimal string alignment distance, stopping past the limit', () => {
    expect(editDistance('smith', 'smtih', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });
});

describe('countryCode', () => {
  it('takes codes, English names, official and alternative names', () => {
    expect(countryCode('nl')).toBe('NL');
    expect(countryCode('Netherlands')).toBe('NL');
    expect(countryCode('the Netherlands')).toBe('NL');
    expect(countryCode('Holland')).toBe('NL');
    expect(countryCode('United States')).toBe('US');
    expect(countryCode('Côte d’Ivoire')).toBe('CI');
    expect(countryCode('germ')).toBe('DE');
  });
  it('explains an unknown or ambiguous name', () => {
    expect(() => countryCode('Atlantis')).toThrow(/No country is called “Atlantis”/);
    expect(() => countryCode('XX')).toThrow(/not a country code/);
    expect(() => countryCode('united')).toThrow(/could be several countries/);
  });
});
