import { matchCondition, matchConditions, matchUrl, validateConfig } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';

const issues = (input: unknown) => {
  const result = validateConfig(input);
  return result.ok ? [] : result.issues.map((i) => i.message);
};

describe('proactive config', () => {
  it('fills the defaults of a minimal message', () => {
    const result = validateConfig({ name: 'Shop', proactive: [{ id: 'hi', text: { en: 'Hi!' } }] });
    expect(result.ok && result.value.proactive[0]).toEqual({
      id: 'hi',
      enabled: true,
      trigger: { attributes: [] },
      from: {},
      text: { en: 'Hi!' },
      quickReplies: [],
      caps: { oncePerVisitor: true, oncePerSession: true },
    });
  });

  it('names the path and what was expected for every mistake', () => {
    const found = issues({
      name: 'Shop',
      proactive: [
        {
          id: 'Pricing Help',
          trigger: { scrollDepth: 150, exitIntnt: true, event: { name: 'cart add' } },
          text: {},
          quickReplies: [{ en: 'a' }, { en: 'b' }, { en: 'c' }, { en: 'd' }, { en: 'e' }],
          caps: { maxPerDay: 0 },
        },
      ],
    });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^proactive\[0\]\.id: expected an id of a-z, 0-9 and -/),
        expect.stringMatching(/^proactive\[0\]\.trigger\.scrollDepth: /),
        expect.stringMatching(/^proactive\[0\]\.trigger\.exitIntnt: .*did you mean "exitIntent"/),
        expect.stringMatching(/^proactive\[0\]\.trigger\.event\.name: expected an event name/),
        expect.stringMatching(/^proactive\[0\]\.text: expected text in at least one locale/),
        expect.stringMatching(/^proactive\[0\]\.quickReplies: expected at most 4 quick replies/),
        expect.stringMatching(/^proactive\[0\]\.caps\.maxPerDay: /),
      ]),
    );
  });

  it('checks the rules across fields: unique ids, condition values, business hours', () => {
    expect(
      issues({
        name: 'Shop',
        proactive: [
          {
            id: 'a',
            text: { en: 'x' },
            trigger: {
              attributes: [{ key: 'plan', op: 'exists', value: 'pro' }, { key: 'plan' }],
              event: { name: 'cart.add', where: [{ key: 'total', op: 'greaterThan', value: '50' }] },
              businessHours: 'open',
            },
          },
          { id: 'a', text: { en: 'y' } },
        ],
      }),
    ).toEqual([
      'proactive[0].trigger.attributes[0].value: expected no value with op "exists", found "pro"; remove value',
      'proactive[0].trigger.attributes[1].value: expected a value to compare with (op "equals"), found nothing',
      'proactive[0].trigger.event.where[0].value: expected a number with op "greaterThan", found "50"',
      'proactive[0].trigger.businessHours: expected businessHours set in the config (the trigger depends on them), found "open"; add businessHours or remove this condition',
      'proactive[1].id: expected an id not used by proactive[0], found "a"; give each proactive message its own id',
    ]);
  });
});

describe('proactive matching', () => {
  it('matches URL patterns on the whole address, * for anything, case-insensitively', () => {
    expect(matchUrl('*/pricing*', 'https://shop.example/pricing?plan=pro')).toBe(true);
    expect(matchUrl('https://shop.example/pricing', 'https://shop.example/pricing')).toBe(true);
    expect(matchUrl('https://shop.example/pricing', 'https://shop.example/pricing/extra')).toBe(false);
    expect(matchUrl('*CHECKOUT*', 'https://shop.example/checkout')).toBe(true);
    // Everything but * is literal: a dot or a question mark is not a pattern.
    expect(matchUrl('*/a.b?c', 'https://x/aXb?c')).toBe(false);
    expect(matchUrl('*/a.b?c', 'https://x/a.b?c')).toBe(true);
  });

  it('compares data with each op', () => {
    const data = { plan: 'Pro', total: 80, vip: true, none: null };
    expect(matchCondition({ key: 'plan', op: 'equals', value: 'Pro' }, data)).toBe(true);
    expect(matchCondition({ key: 'plan', op: 'notEquals', value: 'Pro' }, data)).toBe(false);
    expect(matchCondition({ key: 'missing', op: 'notEquals', value: 'Pro' }, data)).toBe(true);
    expect(matchCondition({ key: 'plan', op: 'contains', value: 'pr' }, data)).toBe(true);
    expect(matchCondition({ key: 'total', op: 'greaterThan', value: 50 }, data)).toBe(true);
    expect(matchCondition({ key: 'total', op: 'lessThan', value: 50 }, data)).toBe(false);
    expect(matchCondition({ key: 'vip', op: 'equals', value: true }, data)).toBe(true);
    expect(matchCondition({ key: 'none', op: 'exists' }, data)).toBe(false);
    expect(matchCondition({ key: 'none', op: 'missing' }, data)).toBe(true);
    expect(matchConditions([], undefined)).toBe(true);
    expect(matchConditions([{ key: 'total', op: 'greaterThan', value: 50 }], undefined)).toBe(false);
  });
});
