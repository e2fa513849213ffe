import { describe, expect, it } from 'vitest';
import { ruleMatches, type Topic, wildcardMatch } from '../src/services/routing';

const topic = (over: Partial<Topic> = {}): Topic => ({
  channel: 'chat',
  formId: null,
  values: {},
  pageUrl: null,
  language: null,
  attributes: {},
  fields: {},
  tags: [],
  ...over,
});

describe('routing rule matcher', () => {
  it('matches page patterns with * and without case, in time linear-ish in the text', () => {
    expect(
      wildcardMatch('https://shop.example.com/billing/*', 'https://shop.example.com/Billing/invoices'),
    ).toBe(true);
    expect(wildcardMatch('*/billing/*', 'https://shop.example.com/orders/1')).toBe(false);
    expect(wildcardMatch('*checkout', 'https://x.test/checkout')).toBe(true);
    const started = performance.now();
    expect(wildcardMatch(`${'*a'.repeat(200)}b`, 'a'.repeat(2000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('needs every condition a rule names; answers match multiselect items and ignore case', () => {
    const rule = { team: 't', channel: ['form' as const], field: { name: 'topic', equals: ['refund'] } };
    expect(ruleMatches(rule, topic({ channel: 'form', values: { topic: ['Refund', 'other'] } }))).toBe(true);
    expect(ruleMatches(rule, topic({ channel: 'chat', values: { topic: 'refund' } }))).toBe(false);
    expect(ruleMatches({ team: 't', language: ['pt'] }, topic({ language: 'pt-BR' }))).toBe(true);
    expect(ruleMatches({ team: 't', language: ['pt'] }, topic({ language: 'ptx' }))).toBe(false);
    expect(
      ruleMatches(
        { team: 't', attribute: { name: 'vip', equals: [true] } },
        topic({ attributes: { vip: true } }),
      ),
    ).toBe(true);
    expect(ruleMatches({ team: 't' }, topic())).toBe(true);
  });

  it('matches conversation fields (not attributes of the same name) and any one of the tags', () => {
    const plan = { team: 't', conversationField: { name: 'plan', equals: ['Pro', 2] } };
    expect(ruleMatches(plan, topic({ fields: { plan: 'pro' } }))).toBe(true);
    expect(ruleMatches(plan, topic({ fields: { plan: 2 } }))).toBe(true);
    expect(ruleMatches(plan, topic({ attributes: { plan: 'pro' } }))).toBe(false);
    const tags = { team: 't', tags: ['billing', 'vip'] };
    expect(ruleMatches(tags, topic({ tags: ['pre-sale', 'vip'] }))).toBe(true);
    expect(ruleMatches(tags, topic({ tags: ['pre-sale'] }))).toBe(false);
  });
});
