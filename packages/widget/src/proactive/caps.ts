import { yieldToHost } from '@frontdesk/client';
import type { ProactiveMessage } from '@frontdesk/protocol';

// What the caps need to remember: messages shown to this visitor (on this device), per day, per session, and
// whether this is a returning visitor. localStorage and sessionStorage only once the visitor consented; memory
// otherwise (the widget stores nothing before consent).

interface Stored {
  /** Ids shown ever (`oncePerVisitor`). */
  ever: string[];
  /** Shows per id on `day`. */
  day: string;
  today: Record<string, number>;
  /** A visit (session) before this one was seen. */
  seen: boolean;
}

interface SessionStored {
  shown: string[];
  returning: boolean;
}

const today = () => new Date().toISOString().slice(0, 10);

function read<T>(storage: Storage | null, key: string): T | null {
  try {
    const raw = storage?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(storage: Storage | null, key: string, value: unknown): void {
  try {
    storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the caps hold for this page view only.
  }
}

/** The caps' memory of one site on this device. */
export class Caps {
  private visitor: Stored = { ever: [], day: today(), today: {}, seen: false };
  private session: SessionStored = { shown: [], returning: false };
  /** Shown in this page view (whatever the caps say, never twice per page). */
  private readonly page = new Set<string>();
  /** Resolves once what earlier visits stored was read: decide on the caps only after it. */
  readonly ready: Promise<void>;

  constructor(
    private readonly key: string,
    private readonly persist: () => boolean,
  ) {
    this.ready = this.load();
  }

  /**
   * Read both storages and mark this visit seen, a step per task: the first access to each storage loads it from
   * the browser, and with the writes all in one task it was over 50 ms at 4× CPU slowdown.
   */
  private async load(): Promise<void> {
    await yieldToHost();
    const stored = read<Stored>(this.store('localStorage'), this.key);
    if (stored) this.visitor = stored.day === today() ? stored : { ...stored, day: today(), today: {} };
    await yieldToHost();
    // A new session: returning when an earlier one was seen on this device.
    this.session = read<SessionStored>(this.store('sessionStorage'), this.key) ?? {
      shown: [],
      returning: this.visitor.seen,
    };
    await yieldToHost();
    this.visitor.seen = true;
    this.save();
  }

  /** Did this visitor come back after an earlier visit? */
  get returning(): boolean {
    return this.session.returning;
  }

  /** May `message` show now, by its caps? */
  allows(message: ProactiveMessage): boolean {
    const { id, caps } = message;
    if (this.page.has(id)) return false;
    if (caps.oncePerVisitor && this.visitor.ever.includes(id)) return false;
    if (caps.oncePerSession && this.session.shown.includes(id)) return false;
    return !caps.maxPerDay || (this.visitor.today[id] ?? 0) < caps.maxPerDay;
  }

  /** Remember that `id` was shown. */
  shown(id: string): void {
    this.page.add(id);
    if (!this.visitor.ever.includes(id)) this.visitor.ever.push(id);
    this.visitor.today[id] = (this.visitor.today[id] ?? 0) + 1;
    if (!this.session.shown.includes(id)) this.session.shown.push(id);
    this.save();
  }

  private save(): void {
    write(this.store('localStorage'), this.key, this.visitor);
    write(this.store('sessionStorage'), this.key, this.session);
  }

  /** One of the page's storages once the visitor consented; null before, or when the browser refuses it. */
  private store(name: 'localStorage' | 'sessionStorage'): Storage | null {
    try {
      return this.persist() ? window[name] : null;
    } catch {
      return null;
    }
  }
}
