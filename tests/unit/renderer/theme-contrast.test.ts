// Text contrast (issue 11 req 6): every text colour the theme sets passes 4.5:1 on the surfaces
// it is drawn on, in light and dark — computed from the real Mantine palette, the way WCAG does.
import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { contrast, mix, readableOn } from '../../../renderer/src/theme-contrast';
import { cssVariablesResolver } from '../../../renderer/src/theme';

const p = DEFAULT_THEME.colors;
const vars = cssVariablesResolver(DEFAULT_THEME);

describe('contrast arithmetic', () => {
  it('matches known WCAG ratios', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 1);
  });

  it('finds the nearest passing colour, and leaves a passing one alone', () => {
    expect(contrast(p.gray[6], '#ffffff')).toBeLessThan(4.5); // Mantine's dimmed: the reported 3.3:1
    const fixed = readableOn(p.gray[6], ['#ffffff']);
    expect(contrast(fixed, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(readableOn('#000000', ['#ffffff'])).toBe('#000000');
    expect(contrast(readableOn(p.dark[2], [p.dark[7]]), p.dark[7])).toBeGreaterThanOrEqual(4.5);
    expect(() => readableOn('red', ['#fff'])).toThrow(/#rrggbb/);
  });
});

describe('the theme', () => {
  const lightSurfaces = ['#ffffff', p.gray[0], p.gray[1]];
  const darkSurfaces = [p.dark[7], p.dark[6], p.dark[8]];

  it('dimmed and error text pass on every surface, light and dark', () => {
    for (const [name, shades] of Object.entries(p)) {
      if (name === 'dark') continue;
      expect(
        contrast(vars.light['--mantine-color-dimmed'], shades[1]),
        `dimmed on ${name} tint`,
      ).toBeGreaterThanOrEqual(4.5);
      const tint = mix(shades[9], '#000000', 0.5);
      expect(contrast(vars.dark['--mantine-color-dimmed'], tint), `dark dimmed on ${name}`).toBeGreaterThanOrEqual(4.5);
    }
    for (const s of lightSurfaces) {
      expect(contrast(vars.light['--mantine-color-dimmed'], s)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(vars.light['--mantine-color-error'], s)).toBeGreaterThanOrEqual(4.5);
    }
    for (const s of darkSurfaces) {
      expect(contrast(vars.dark['--mantine-color-dimmed'], s)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(vars.dark['--mantine-color-error'], s)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('every coloured text passes on the page, cards and its own tint; white passes on every filled colour', () => {
    for (const [name, shades] of Object.entries(p)) {
      if (name === 'dark') continue;
      for (const s of [...lightSurfaces, shades[1]]) {
        expect(contrast(vars.light[`--mantine-color-${name}-text`], s), `${name} text on ${s}`).toBeGreaterThanOrEqual(
          4.5,
        );
      }
      for (const s of [...darkSurfaces, mix(shades[9], '#000000', 0.5)]) {
        expect(contrast(vars.dark[`--mantine-color-${name}-text`], s), `${name} dark text`).toBeGreaterThanOrEqual(4.5);
      }
      expect(
        contrast('#ffffff', vars.light[`--mantine-color-${name}-filled`]),
        `${name} filled`,
      ).toBeGreaterThanOrEqual(4.5);
      expect(contrast('#ffffff', vars.dark[`--mantine-color-${name}-filled`])).toBeGreaterThanOrEqual(4.5);
      for (const s of ['#ffffff', shades[0], shades[1]]) {
        expect(
          contrast(vars.light[`--mantine-color-${name}-light-color`], s),
          `${name} on tint`,
        ).toBeGreaterThanOrEqual(4.5);
      }
      const tint = mix(shades[9], '#000000', 0.5);
      expect(contrast(vars.dark[`--mantine-color-${name}-light-color`], tint)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
