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
  private readonly visitor: Stored;
  private readonly session: SessionStored;
  /** Shown in this page view (whatever the caps say, never twice per page). */
  private readonly page = new Set<string>();

  constructor(
    private readonly key: string,
    private readonly persist: () => boolean,
  ) {
    const stored = read<Stored>(this.store('localStorage'), key);
    this.visitor = stored ?? { ever: [], day: today(), today: {}, seen: false };
    if (this.visitor.day !== today()) this.visitor = { ...this.visitor, day: today(), today: {} };
    const current = read<SessionStored>(this.store('sessionStorage'), key);
    // A new session: returning when an earlier one was seen on this device.
    this.session = current ?? { shown: [], returning: this.visitor.seen };
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
