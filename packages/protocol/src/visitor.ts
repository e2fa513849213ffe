import * as v from 'valibot';
import { AttributesSchema, IdSchema, TimestampSchema } from './common';
import { CompanySchema } from './visitorData';

const EmailSchema = v.pipe(
  v.string('an email address'),
  v.email('an email address like ana@example.com'),
  v.maxLength(254),
);

/** A person on the site, anonymous until identified. */
export const VisitorSchema = v.object({
  id: IdSchema,
  /** The site's own user id once verified with `identify`. */
  userId: v.nullable(v.string()),
  email: v.nullable(v.string()),
  name: v.nullable(v.string()),
  attributes: AttributesSchema,
  createdAt: TimestampSchema,
  /**
   * Contact details the visitor gave without a verified `userId` (`identify` of a lead): unverified, kept apart
   * from `name` and `email`; null or absent when none.
   */
  lead: v.optional(
    v.nullable(
      v.object({
        name: v.optional(v.string()),
        email: v.optional(v.string()),
        phone: v.optional(v.string()),
      }),
    ),
  ),
  /** The visitor's company (`setCompany`); null or absent when none. */
  company: v.optional(v.nullable(CompanySchema)),
});

/**
 * What a site tells Frontdesk about a logged-in user. When the site requires verification, either `userHash`
 * (hex HMAC-SHA256 of `userId` with the site secret) or a `jwt` signed with the site secret (HS256) is needed.
 */
export const IdentitySchema = v.object({
  userId: v.pipe(v.string('a user id'), v.minLength(1, 'a non-empty user id'), v.maxLength(128)),
  email: v.optional(EmailSchema),
  name: v.optional(v.pipe(v.string('a name'), v.maxLength(200))),
  attributes: v.optional(AttributesSchema),
  userHash: v.optional(
    v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'a hex HMAC-SHA256 (64 hex characters)')),
  ),
  jwt: v.optional(
    v.pipe(v.string(), v.regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'a compact JWT (three base64url parts)')),
  ),
});

export { EmailSchema };
export type Visitor = v.InferOutput<typeof VisitorSchema>;
export type Identity = v.InferOutput<typeof IdentitySchema>;
