import * as v from 'valibot';
import { ClientIdSchema, IdSchema, TimestampSchema } from './common';

/** Body of rating a conversation: CSAT 1–5 and/or NPS 0–10, optional comment. */
export const RateSchema = v.pipe(
  v.object({
    clientId: ClientIdSchema,
    csat: v.optional(
      v.pipe(
        v.number('a number'),
        v.integer('a whole number'),
        v.minValue(1, 'CSAT from 1 to 5'),
        v.maxValue(5, 'CSAT from 1 to 5'),
      ),
    ),
    nps: v.optional(
      v.pipe(
        v.number('a number'),
        v.integer('a whole number'),
        v.minValue(0, 'NPS from 0 to 10'),
        v.maxValue(10, 'NPS from 0 to 10'),
      ),
    ),
    comment: v.optional(v.pipe(v.string(), v.maxLength(2000, 'a comment of at most 2000 characters'))),
    /** Answer to the follow-up "is your problem solved?" */
    solved: v.optional(v.boolean()),
  }),
  v.check(
    (r) => r.csat !== undefined || r.nps !== undefined || r.solved !== undefined,
    'a csat, nps or solved answer',
  ),
);

/** A stored rating of one conversation. */
export const RatingSchema = v.object({
  conversationId: IdSchema,
  csat: v.nullable(v.number()),
  nps: v.nullable(v.number()),
  comment: v.nullable(v.string()),
  solved: v.nullable(v.boolean()),
  createdAt: TimestampSchema,
});

export type Rate = v.InferOutput<typeof RateSchema>;
export type Rating = v.InferOutput<typeof RatingSchema>;
