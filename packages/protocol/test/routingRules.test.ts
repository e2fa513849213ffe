import { toPublicConfig, validateConfig } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';

const base = {
  name: 'Shop',
  forms: [
    {
      id: 'complaint',
      module: 'complaint',
      title: { en: 'Complaint' },
      fields: [{ name: 'details', type: 'textarea', label: { en: 'Details' } }],
    },
  ],
};

const issuesOf = (config: object) => {
  const result = validateConfig({ ...base, ...config });
  return result.ok ? [] : result.issues;
};

describe('teams and routing rules in the config', () => {
  it('accepts rules naming existing teams and fills the defaults', () => {
    const result = validateConfig({
      ...base,
      teams: [{ id: 'complaints', name: 'Complaints', agents: ['Ana@Example.com'] }],
      routing: { rules: [{ formId: ['complaint'], team: 'complaints' }] },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.routing).toMatchObject({ assignment: 'round-robin', capacity: 3, agentCapacity: {} });
    expect(result.value.teams[0]?.agents).toEqual(['ana@example.com']);
    // Server-only: browsers never see teams or routing.
    expect(toPublicConfig(result.value)).not.toHaveProperty('routing');
    expect(toPublicConfig(result.value)).not.toHaveProperty('teams');
  });

  it('names duplicate team ids, unknown teams with a suggestion, and unknown forms', () => {
    const issues = issuesOf({
      teams: [
        { id: 'billing', name: 'Billing' },
        { id: 'billing', name: 'Billing again' },
      ],
      routing: {
        defaultTeam: 'sales',
        rules: [
          { team: 'biling', language: ['en'] },
          { team: 'billing', formId: ['complaints'] },
        ],
      },
    });
    expect(issues.map((i) => i.path)).toEqual([
      'teams[1].id',
      'routing.defaultTeam',
      'routing.rules[0].team',
      'routing.rules[1].formId[0]',
    ]);
    expect(issues[1]?.suggestion).toBe('add a team with id "sales" to teams');
    expect(issues[2]?.message).toContain('did you mean "billing"?');
    expect(issues[3]?.suggestion).toBe('did you mean "complaint"?');
  });

  it('refuses a rule condition it does not know, with the closest one', () => {
    const issues = issuesOf({
      teams: [{ id: 'a', name: 'A' }],
      routing: { rules: [{ team: 'a', langauge: ['en'] }] },
    });
    expect(issues[0]).toMatchObject({
      path: 'routing.rules[0].langauge',
      suggestion: 'did you mean "language"?',
    });
  });
});
