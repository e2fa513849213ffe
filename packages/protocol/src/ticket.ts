import * as v from 'valibot';
import { IdSchema, TimestampSchema } from './common';
import { ConversationStatusSchema } from './conversation';
import { FormValueSchema } from './form';

/** How a complaint was settled, recorded when a ticket is resolved. */
export const OutcomeSchema = v.picklist([
  'none',
  'answered',
  'refund',
  'credit',
  'coupon',
  'replacement',
  'repair',
]);

/** A ticket created from a form submission. `reference` is what the customer sees, e.g. `FD-1042`. */
export const TicketSchema = v.object({
  id: IdSchema,
  reference: v.string(),
  formId: v.string(),
  visitorId: IdSchema,
  conversationId: v.nullable(IdSchema),
  values: v.record(v.string(), FormValueSchema),
  status: ConversationStatusSchema,
  outcome: v.nullable(OutcomeSchema),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});

export type Outcome = v.InferOutput<typeof OutcomeSchema>;
export type Ticket = v.InferOutput<typeof TicketSchema>;
