import * as v from 'valibot';
import { AvailabilitySchema } from './availability';
import { IdSchema, int32Schema, TimestampSchema } from './common';
import { ConversationSchema } from './conversation';
import { MessageSchema } from './message';
import { RatingSchema } from './rating';
import { TicketSchema } from './ticket';
import { VisitorSchema } from './visitor';

const Seq = int32Schema(1);

/**
 * A durable event in a visitor's stream (or, for agents, the site's stream). `seq` is strictly increasing per
 * stream with no gaps; a client keeps the last seq it applied and asks for everything after it on reconnect.
 */
export const StreamEventSchema = v.variant('type', [
  v.object({ seq: Seq, type: v.literal('conversation.created'), conversation: ConversationSchema }),
  v.object({ seq: Seq, type: v.literal('conversation.updated'), conversation: ConversationSchema }),
  v.object({ seq: Seq, type: v.literal('message.created'), message: MessageSchema }),
  /** The other side read messages up to `readSeq` in a conversation. */
  v.object({
    seq: Seq,
    type: v.literal('message.read'),
    conversationId: IdSchema,
    by: v.picklist(['visitor', 'agent']),
    readSeq: int32Schema(0),
    at: TimestampSchema,
  }),
  /** A resolved conversation asks its visitor for a rating (per the site's rating settings). */
  v.object({ seq: Seq, type: v.literal('rating.requested'), conversationId: IdSchema }),
  /** Agent/site stream only: a ticket was created from a form. */
  v.object({ seq: Seq, type: v.literal('ticket.created'), ticket: TicketSchema }),
  /** Agent/site stream only: an agent changed a ticket's status or outcome. */
  v.object({ seq: Seq, type: v.literal('ticket.updated'), ticket: TicketSchema }),
  /** Agent/site stream only: a visitor rated a conversation (or replaced their rating). */
  v.object({ seq: Seq, type: v.literal('rating.created'), conversationId: IdSchema, rating: RatingSchema }),
  /** Agent/site stream only: a visitor's attributes, page or locale changed. */
  v.object({
    seq: Seq,
    type: v.literal('visitor.updated'),
    visitor: v.object({
      ...VisitorSchema.entries,
      page: v.nullable(v.object({ url: v.string(), title: v.optional(v.string()) })),
      locale: v.nullable(v.string()),
    }),
  }),
]);
export type StreamEvent = v.InferOutput<typeof StreamEventSchema>;
export type StreamEventType = StreamEvent['type'];

/** Events that are not stored and carry no seq: typing and presence. */
export const EphemeralEventSchema = v.variant('type', [
  v.object({
    type: v.literal('typing'),
    conversationId: IdSchema,
    by: v.picklist(['visitor', 'agent']),
    name: v.nullable(v.string()),
    typing: v.boolean(),
  }),
  v.object({ type: v.literal('availability'), availability: AvailabilitySchema }),
  /** Agent stream only: an agent's presence changed. */
  v.object({
    type: v.literal('presence'),
    agentId: IdSchema,
    status: v.picklist(['online', 'away', 'offline']),
  }),
]);
export type EphemeralEvent = v.InferOutput<typeof EphemeralEventSchema>;

/**
 * Frames the server sends on the realtime channel (WebSocket text frames, JSON). After `hello` the server first
 * sends every stored event after the client's cursor, in order, then live events.
 */
export const ServerFrameSchema = v.variant('frame', [
  v.object({
    frame: v.literal('hello'),
    protocol: v.number(),
    cursor: int32Schema(0),
  }),
  v.object({ frame: v.literal('event'), event: StreamEventSchema }),
  v.object({ frame: v.literal('ephemeral'), event: EphemeralEventSchema }),
  v.object({ frame: v.literal('error'), code: v.string(), message: v.string() }),
  v.object({ frame: v.literal('pong') }),
]);
export type ServerFrame = v.InferOutput<typeof ServerFrameSchema>;

/** Frames a client may send on the realtime channel. Commands go over HTTP; this is only keep-alive and typing. */
export const ClientFrameSchema = v.variant('frame', [
  v.object({ frame: v.literal('ping') }),
  v.object({ frame: v.literal('typing'), conversationId: IdSchema, typing: v.boolean() }),
]);
export type ClientFrame = v.InferOutput<typeof ClientFrameSchema>;

/** A page of stored events after a cursor: the HTTP resync and the long-poll fallback. */
export const EventPageSchema = v.object({
  events: v.array(StreamEventSchema),
  /** The seq of the last event in `events`, or the request's `after` when empty. */
  cursor: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** More events are waiting: ask again with `after=cursor`. */
  hasMore: v.boolean(),
  /**
   * Long poll (`wait` > 0) only: what was not stored but happened while the request waited (typing, availability,
   * presence), oldest first. A waiting poll answers as soon as one arrives.
   */
  ephemeral: v.optional(v.array(EphemeralEventSchema)),
});
export type EventPage = v.InferOutput<typeof EventPageSchema>;
