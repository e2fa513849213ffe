import { describe, expect, it } from 'vitest';
import { Connections } from '../src/realtime/connections';

describe('Connections (visitor sockets and waiting long polls; agent sockets)', () => {
  it('takes up to the cap per visitor, gives back, and 0 disables the cap', () => {
    const connections = new Connections(2);
    expect([connections.take('a'), connections.take('a'), connections.take('a')]).toEqual([
      true,
      true,
      false,
    ]);
    expect(connections.take('b')).toBe(true);
    expect(connections.give('a')).toBe(1);
    expect(connections.take('a')).toBe(true);
    expect([connections.give('b'), connections.has('b'), connections.has('a')]).toEqual([0, false, true]);
    expect(connections.refusal()).toBe(
      'Too many realtime connections for this visitor (at most 2): close one first.',
    );
    const open = new Connections(0);
    expect(Array.from({ length: 50 }, () => open.take('a')).every(Boolean)).toBe(true);
  });
});
