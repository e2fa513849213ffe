import * as v from 'valibot';
import { IdSchema, TimestampSchema } from './common';
import { ConversationStatusSchema } from './conversation';
import { FormValueSchema } from './form';
import { AttachmentSchema } from './message';

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
  /** What was entered, by field name; a file field holds the id of its upload (see `attachments`). */
  values: v.record(v.string(), FormValueSchema),
  /** The files of the form's file fields (name, type, size and the download URL), as chat attachments. */
  attachments: v.optional(v.array(AttachmentSchema), []),
  status: ConversationStatusSchema,
  /** The team routing sent it to, or null; only in the agent API. */
  teamId: v.optional(v.nullable(v.string())),
  outcome: v.nullable(OutcomeSchema),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});

export type Outcome = v.InferOutput<typeof OutcomeSchema>;
export type Ticket = v.InferOutput<typeof TicketSchema>;
