import { describe, expect, it } from 'vitest';
import { VisitorConnections } from '../src/realtime/connections';

describe('VisitorConnections (sockets and waiting long polls per visitor)', () => {
  it('takes up to the cap per visitor, gives back, and 0 disables the cap', () => {
    const connections = new VisitorConnections(2);
    expect([connections.take('a'), connections.take('a'), connections.take('a')]).toEqual([
      true,
      true,
      false,
    ]);
    expect(connections.take('b')).toBe(true);
    connections.give('a');
    expect(connections.take('a')).toBe(true);
    expect(connections.refusal()).toBe(
      'Too many realtime connections for this visitor (at most 2): close one first.',
    );
    const open = new VisitorConnections(0);
    expect(Array.from({ length: 50 }, () => open.take('a')).every(Boolean)).toBe(true);
  });
});
