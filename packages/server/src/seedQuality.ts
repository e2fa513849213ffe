import type { CriterionScore, SiteConfigInput } from '@frontdesk/protocol';
import { QualitySchema, reviewTotal } from '@frontdesk/protocol';
import * as v from 'valibot';
import { newId } from './auth/crypto';
import type { Sql } from './db/database';

/** The demo site's rubric and sampling rules (docs/quality.md explains each). */
export const DEMO_QUALITY: NonNullable<SiteConfigInput['quality']> = {
  rubrics: [
    {
      id: 'support',
      name: 'Support conversation',
      criteria: [
        {
          id: 'greeting',
          name: 'Greeting and tone',
          description: 'Friendly, uses the name, sets expectations.',
        },
        {
          id: 'accuracy',
          name: 'Correct and complete answer',
          description: 'The answer is right and nothing the customer needed is missing.',
          weight: 3,
        },
        {
          id: 'empathy',
          name: 'Empathy',
          description: 'Acknowledges the problem and its impact.',
          weight: 2,
        },
        {
          id: 'process',
          name: 'Followed the process',
          description: 'Hand-over, refunds and escalations done as documented.',
          scale: 'pass-fail',
          allowNotApplicable: true,
        },
        {
          id: 'privacy',
          name: 'Protected personal data',
          description:
            'No card numbers, passwords or other customers’ data in the chat. A failure makes the total 0.',
          scale: 'pass-fail',
          autoFail: true,
        },
      ],
    },
  ],
  sampling: [
    { when: 'random', share: 0.1 },
    { when: 'lowCsat', csatAtMost: 2 },
    { when: 'notSolved' },
    { when: 'slowFirstResponse', firstResponseOverMinutes: 30 },
    { when: 'escalated' },
    { when: 'newAgent', agentDaysUnder: 14 },
  ],
};

type Demo = {
  subject: string;
  visitor: string;
  lines: string[];
  csat?: number;
  solved?: boolean;
  firstResponseMinutes: number;
  reasons: string[];
  review?: { scores: [number, number, number, number | null, number]; dispute?: string; comment?: string };
};

const DEMOS: Demo[] = [
  {
    subject: 'Order arrived damaged',
    visitor: 'Jana Nováková',
    lines: ['My mug arrived broken.', 'Sorry about that! I have sent a replacement today.', 'Thanks!'],
    csat: 5,
    firstResponseMinutes: 2,
    reasons: ['random'],
    review: { scores: [5, 4, 5, 1, 1] },
  },
  {
    subject: 'Refund not received',
    visitor: 'Zoltán Kovács',
    lines: [
      'Where is my refund?',
      'Refunds take 5 days.',
      'It has been 10 days.',
      'Please wait a bit longer.',
    ],
    csat: 1,
    solved: false,
    firstResponseMinutes: 45,
    reasons: ['lowCsat', 'notSolved', 'slowFirstResponse'],
    review: {
      scores: [2, 2, 1, null, 1],
      dispute: 'The refund system was down that day; I followed the documented answer.',
      comment: 'This did not look into the refund at all.',
    },
  },
  {
    subject: 'Change delivery address',
    visitor: 'Līga Bērziņa',
    lines: ['Can I change my address?', 'Yes, done: the parcel goes to the new address.'],
    csat: 4,
    firstResponseMinutes: 1,
    reasons: ['newAgent'],
  },
  {
    subject: 'Discount code does not work',
    visitor: '王伟',
    lines: [
      'The code SPRING does not work.',
      'It expired yesterday, here is a new one: SPRING2.',
      'Still no.',
    ],
    csat: 2,
    solved: false,
    firstResponseMinutes: 5,
    reasons: ['lowCsat', 'notSolved'],
  },
  {
    subject: 'Invoice copy',
    visitor: 'Tom Baker',
    lines: ['I need a copy of my invoice.', 'Sent to your email just now.'],
    firstResponseMinutes: 3,
    reasons: ['escalated'],
  },
];

/** Seed resolved demo conversations answered by `agentId`, sampled into the queue, two of them reviewed by `reviewerId`. */
export async function seedQualityDemo(
  tx: Sql,
  siteId: string,
  agentId: string,
  reviewerId: string,
): Promise<void> {
  const criteria = v.parse(QualitySchema, DEMO_QUALITY).rubrics[0]!.criteria;
  const now = Date.now();
  for (const [i, demo] of DEMOS.entries()) {
    const visitorId = newId('v');
    const conversationId = newId('cv');
    const created = new Date(now - (i + 1) * 86_400_000);
    const at = (minutes: number) => new Date(created.getTime() + minutes * 60_000).toISOString();
    await tx.query('insert into visitors (id, site_id, name, created_at) values ($1, $2, $3, $4)', [
      visitorId,
      siteId,
      demo.visitor,
      created.toISOString(),
    ]);
    const ids = demo.lines.map(() => newId('m'));
    await tx.query(
      `insert into conversations (id, site_id, visitor_id, client_id, status, subject, assignee_id, created_at,
         updated_at, first_response_at, resolved_at, last_message_at, last_seq, reopen_count)
       values ($1, $2, $3, $4, 'resolved', $5, $6, $7, $8, $9, $8, $8, $10, $11)`,
      [
        conversationId,
        siteId,
        visitorId,
        newId('c'),
        demo.subject,
        agentId,
        created.toISOString(),
        at(demo.firstResponseMinutes + demo.lines.length * 2),
        at(demo.firstResponseMinutes),
        demo.lines.length,
        demo.reasons.includes('escalated') ? 1 : 0,
      ],
    );
    for (const [seq, text] of demo.lines.entries()) {
      const agent = seq % 2 === 1;
      await tx.query(
        `insert into messages (id, conversation_id, client_id, seq, author_kind, author_id, author_name, text, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          ids[seq],
          conversationId,
          newId('c'),
          seq + 1,
          agent ? 'agent' : 'visitor',
          agent ? agentId : visitorId,
          agent ? 'Demo Agent' : demo.visitor,
          text,
          at(seq === 0 ? 0 : demo.firstResponseMinutes + seq * 2),
        ],
      );
    }
    if (demo.csat !== undefined)
      await tx.query(
        'insert into ratings (conversation_id, client_id, csat, solved) values ($1, $2, $3, $4)',
        [conversationId, newId('c'), demo.csat, demo.solved ?? null],
      );
    await tx.query(
      `insert into quality_queue (id, site_id, conversation_id, rubric_id, reasons, agent_id, status, claimed_by)
       values ($1, $2, $3, 'support', $4, $5, $6, $7)`,
      [
        newId('qq'),
        siteId,
        conversationId,
        JSON.stringify(demo.reasons),
        agentId,
        demo.review ? 'done' : 'open',
        demo.review ? reviewerId : null,
      ],
    );
    if (!demo.review) continue;
    const scores: CriterionScore[] = criteria.map((c, k) => ({
      criterionId: c.id,
      value: demo.review!.scores[k] ?? null,
      ...(k === 1 && demo.review!.comment ? { comment: demo.review!.comment, messageId: ids[1] } : {}),
    }));
    await tx.query(
      `insert into quality_reviews (id, site_id, conversation_id, agent_id, reviewer_id, rubric_id, config_version,
         criteria, scores, score, status, dispute_reason, created_at, updated_at)
       values ($1, $2, $3, $4, $5, 'support', 1, $6, $7, $8, $9, $10, $11, $11)`,
      [
        newId('qr'),
        siteId,
        conversationId,
        agentId,
        reviewerId,
        JSON.stringify(criteria),
        JSON.stringify(scores),
        reviewTotal(criteria, scores),
        demo.review.dispute ? 'disputed' : 'submitted',
        demo.review.dispute ?? null,
        at(120),
      ],
    );
  }
}
