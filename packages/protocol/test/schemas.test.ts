import {
  type BusinessHours,
  ConversationSchema,
  CreateConversationSchema,
  check,
  type FormDefinition,
  FormDefinitionSchema,
  IdentitySchema,
  isOpen,
  MessageSchema,
  nextOpening,
  parse,
  RateSchema,
  SchemaError,
  SendMessageSchema,
  ServerFrameSchema,
  SiteConfigSchema,
  StreamEventSchema,
  toPublicConfig,
  underPrefix,
  validateSubmission,
} from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';

const now = '2026-11-23T18:00:00.000Z';
const message = {
  id: 'm1',
  clientId: 'c_12345678',
  conversationId: 'conv1',
  seq: 1,
  author: { kind: 'visitor', id: 'v1', name: null, avatarUrl: null },
  text: 'Hello',
  attachments: [],
  internal: false,
  createdAt: now,
  deliveredAt: null,
  readAt: null,
};
const conversation = {
  id: 'conv1',
  clientId: 'c_conv_0001',
  visitorId: 'v1',
  status: 'open',
  channel: 'chat',
  subject: null,
  assigneeId: null,
  createdAt: now,
  updatedAt: now,
  firstResponseAt: null,
  resolvedAt: null,
  lastMessageAt: now,
  lastSeq: 1,
  visitorReadSeq: 1,
  agentReadSeq: 0,
};

function messages(schema: Parameters<typeof check>[0], input: unknown, prefix = ''): string[] {
  const result = check(schema, input, prefix);
  return result.ok ? [] : result.issues.map((i) => i.message);
}

describe('messages', () => {
  it('accepts a stored message', () => {
    expect(check(MessageSchema, message).ok).toBe(true);
  });
  it('names the field, the expectation and the finding', () => {
    expect(
      messages(MessageSchema, { ...message, seq: 0, author: { ...message.author, kind: 'robot' } }),
    ).toEqual([
      'seq: expected >=1, found 0',
      'author.kind: expected ("visitor" | "agent" | "bot" | "system"), found "robot"',
    ]);
  });
  it('rejects an empty send and a short client id', () => {
    expect(messages(SendMessageSchema, { clientId: 'abc', text: ' ' }, 'body')).toEqual([
      'body.clientId: expected a client id of 8–64 letters, digits, "_" or "-", found "abc"',
      'body: expected a message with text or at least one attachment',
    ]);
  });
  it('rejects text over the limit', () => {
    const issues = messages(SendMessageSchema, { clientId: 'c_12345678', text: 'x'.repeat(5001) });
    expect(issues[0]).toMatch(/^text: expected at most 5000 characters, found "x+\.\.\."$/);
  });
  it('re-roots issues of a nested value under a prefix, paths and messages alike', () => {
    const found = check(SendMessageSchema, { clientId: 'abc', text: ' ' });
    expect(found.ok).toBe(false);
    if (found.ok) return;
    expect(underPrefix(found.issues, 'body.message').map((i) => i.message)).toEqual([
      'body.message.clientId: expected a client id of 8–64 letters, digits, "_" or "-", found "abc"',
      'body.message: expected a message with text or at least one attachment',
    ]);
  });
  it('parse throws a SchemaError listing every issue', () => {
    expect(() => parse(SendMessageSchema, 42, 'body')).toThrow(SchemaError);
    expect(() => parse(SendMessageSchema, 42, 'body')).toThrow('body: expected an object, found 42');
  });
});

describe('conversations and wire events', () => {
  it('accepts a conversation and rejects an unknown status', () => {
    expect(check(ConversationSchema, conversation).ok).toBe(true);
    expect(messages(ConversationSchema, { ...conversation, status: 'closed' })).toEqual([
      'status: expected ("open" | "pending" | "resolved"), found "closed"',
    ]);
  });
  it('creates a conversation with a first message', () => {
    const ok = check(CreateConversationSchema, {
      clientId: 'c_conv_0001',
      message: { clientId: 'c_msg_0001', text: 'Hi' },
      page: { url: 'https://shop.example.com/cart' },
    });
    expect(ok.ok).toBe(true);
    expect(messages(CreateConversationSchema, { clientId: 'c_conv_0001', page: { url: 'cart' } })).toEqual([
      'page.url: expected an absolute URL | an http or https URL, found "cart"',
    ]);
    expect(
      messages(CreateConversationSchema, { clientId: 'c_conv_0001', page: { url: 'javascript:alert(1)' } }),
    ).toEqual(['page.url: expected an http or https URL, found "javascript:alert(1)"']);
  });
  it('discriminates stream events and frames by type', () => {
    expect(check(StreamEventSchema, { seq: 3, type: 'message.created', message }).ok).toBe(true);
    expect(
      check(ServerFrameSchema, { frame: 'event', event: { seq: 3, type: 'message.created', message } }).ok,
    ).toBe(true);
    expect(messages(StreamEventSchema, { seq: 3, type: 'message.deleted' })[0]).toMatch(
      /^type: expected \("conversation\.created"/,
    );
    expect(messages(ServerFrameSchema, { frame: 'hello', protocol: 1, cursor: -1 })).toEqual([
      'cursor: expected >=0, found -1',
    ]);
  });
});

describe('identity and ratings', () => {
  it('accepts a verified identity and rejects a malformed hash and email', () => {
    expect(check(IdentitySchema, { userId: 'u1', userHash: 'a'.repeat(64) }).ok).toBe(true);
    expect(messages(IdentitySchema, { userId: '', email: 'nope', userHash: 'xyz' })).toEqual([
      'userId: expected a non-empty user id, found ""',
      'email: expected an email address like ana@example.com, found "nope"',
      'userHash: expected a hex HMAC-SHA256 (64 hex characters), found "xyz"',
    ]);
  });
  it('keeps CSAT within 1–5 and NPS within 0–10', () => {
    expect(check(RateSchema, { clientId: 'r_12345678', csat: 5, nps: 10, comment: 'Great' }).ok).toBe(true);
    expect(messages(RateSchema, { clientId: 'r_12345678', csat: 6, nps: -1 })).toEqual([
      'csat: expected CSAT from 1 to 5, found 6',
      'nps: expected NPS from 0 to 10, found -1',
    ]);
    expect(messages(RateSchema, { clientId: 'r_12345678' })).toEqual([
      'value: expected a csat, nps or solved answer',
    ]);
  });
});

const returnForm: FormDefinition = parse(FormDefinitionSchema, {
  id: 'return',
  module: 'return',
  title: { en: 'Return an item' },
  fields: [
    { name: 'order', type: 'text', label: { en: 'Order number' }, required: true, pattern: 'A-\\d{4}' },
    { name: 'email', type: 'email', label: { en: 'Email' }, required: true },
    {
      name: 'reason',
      type: 'select',
      label: { en: 'Reason' },
      options: [{ value: 'broken', label: { en: 'Broken' } }],
    },
    { name: 'qty', type: 'number', label: { en: 'Quantity' }, min: 1, max: 5 },
    { name: 'agree', type: 'checkbox', label: { en: 'I agree' } },
  ],
});

describe('forms', () => {
  it('fills defaults and rejects a bad definition', () => {
    expect(returnForm.fields[1]?.required).toBe(true);
    expect(returnForm.fields[4]?.required).toBe(false);
    expect(messages(FormDefinitionSchema, { id: '1x', module: 'refund', title: {}, fields: [] })).toEqual([
      'id: expected a field name starting with a letter, found "1x"',
      'module: expected ("question" | "complaint" | "return" | "order-status" | "callback" | "custom"), found "refund"',
      'title: expected text in at least one locale',
      'fields: expected at least one field, found an array of 0',
    ]);
  });
  it('validates a submission against its definition', () => {
    expect(
      validateSubmission(returnForm, { order: 'A-1234', email: 'ana@example.com', qty: 2, agree: true }),
    ).toEqual([]);
    const issues = validateSubmission(returnForm, {
      order: 'B-1',
      email: 'ana',
      reason: 'late',
      qty: 9,
      extra: 'x',
    });
    expect(issues.map((i) => i.message)).toEqual([
      'values.extra: expected one of the form\'s fields (order, email, reason, qty, agree), found "x"',
      'values.order: expected text matching /A-\\d{4}/, found "B-1"',
      'values.email: expected an email address, found "ana"',
      'values.reason: expected one of broken, found "late"',
      'values.qty: expected a number of at most 5, found 9',
    ]);
    expect(validateSubmission(returnForm, {}).map((i) => i.path)).toEqual(['values.order', 'values.email']);
  });
});

describe('site config', () => {
  it('fills every default from a minimal config', () => {
    const config = parse(SiteConfigSchema, { name: 'Shop' });
    expect(config.theme.brandColor).toBe('#2557d6');
    expect(config.locales).toEqual({ default: 'en', enabled: ['en'] });
    expect(config.privacy.consentRequired).toBe(false);
    expect(config.channels.chat.enabled).toBe(true);
  });
  it('reports every problem at once, each with its path', () => {
    expect(
      messages(SiteConfigSchema, {
        name: '',
        theme: { brandColor: 'blue', colour: 1 },
        businessHours: { timeZone: 'Mars/Base', week: { mon: [['9:00', '17:00']] } },
        privacy: { redactPatterns: ['(unclosed'] },
        webhooks: [{ url: 'hook', events: [] }],
      }),
    ).toEqual([
      'name: expected a non-empty name, found ""',
      'theme.brandColor: expected a hex colour like #1a73e8, found "blue"',
      'theme.colour: unknown key',
      'businessHours.timeZone: expected an IANA time zone like "Europe/Prague", found "Mars/Base"',
      'businessHours.week.mon[0][0]: expected a 24-hour time like "09:00", found "9:00"',
      'privacy.redactPatterns[0]: expected a valid regular expression, found "(unclosed"',
      'webhooks[0].url: expected an absolute URL, found "hook"',
      'webhooks[0].events: expected at least one event, found an array of 0',
    ]);
  });
  it('widget notifications: on by default, sent to the widget, each switch a boolean', () => {
    const config = parse(SiteConfigSchema, { name: 'Shop' });
    expect(config.notifications).toEqual({ sound: true, titleBadge: true });
    expect(toPublicConfig(config).notifications).toEqual({ sound: true, titleBadge: true });
    expect(
      messages(SiteConfigSchema, { name: 'Shop', notifications: { sound: 'yes', badge: true } }),
    ).toEqual([
      'notifications.sound: expected true or false, found "yes"',
      'notifications.badge: unknown key',
    ]);
  });
});

describe('business hours', () => {
  const hours: BusinessHours = {
    timeZone: 'Europe/Prague',
    week: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']] },
    holidays: ['2026-12-22'],
  };
  it('is open inside the interval in the site time zone', () => {
    // Monday 2026-11-23 08:30 UTC is 09:30 in Prague (CET, UTC+1).
    expect(isOpen(hours, new Date('2026-11-23T08:30:00Z'))).toBe(true);
    expect(isOpen(hours, new Date('2026-11-23T07:30:00Z'))).toBe(false);
    expect(isOpen(hours, new Date('2026-11-23T16:00:00Z'))).toBe(false);
  });
  it('is closed on holidays and finds the next opening', () => {
    expect(isOpen(hours, new Date('2026-12-22T10:00:00Z'))).toBe(false);
    expect(nextOpening(hours, new Date('2026-11-23T16:00:00Z'))?.toISOString()).toBe(
      '2026-11-24T08:00:00.000Z',
    );
    expect(isOpen(undefined)).toBe(true);
  });
});
