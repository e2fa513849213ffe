import { describe, expect, it } from 'vitest';
import { can, requireRole } from '../src/services/access';

describe('site roles', () => {
  it('admin grants every role, a manager may review, an agent only answers', () => {
    expect(['admin', 'manager', 'reviewer', 'agent'].every((r) => can(['admin'], r as never))).toBe(true);
    expect(can(['manager'], 'reviewer')).toBe(true);
    expect(can(['manager'], 'admin')).toBe(false);
    expect(can(['reviewer'], 'manager')).toBe(false);
    expect(can(['agent'], 'reviewer')).toBe(false);
    expect(can(['agent', 'reviewer'], 'reviewer')).toBe(true);
    expect(can([], 'agent')).toBe(false);
  });

  it('a missing role is a 403 that names it', () => {
    expect(() => requireRole(['agent'], 'manager')).toThrow(/manager role/);
    expect(() => requireRole(['admin'], 'manager')).not.toThrow();
  });
});
