import { z } from 'zod';
import { circleScopes } from '../../platform/access/index.js';
import { multiLine, singleLine } from '../../platform/http/index.js';
import { skills } from '../nightcare/index.js';

const uuid = z.uuid();
const isoDate = z.iso.date();

/** Informal members are citizens with no professional role; formal members are an organisation (or one of its staff). */
export const informalKinds = ['family', 'neighbour', 'volunteer'] as const;
export const formalKinds = ['district_nurse', 'home_care', 'gp_practice', 'welfare_worker', 'municipal_consultant', 'hospital_contact'] as const;
export const memberKinds = [...informalKinds, ...formalKinds] as const;
export type MemberKind = (typeof memberKinds)[number];

/** What a consent can cover in a circle: its parts, and the night summary (so the night team and family see the same wishes). */
export const consentScopes = [...circleScopes, 'night_summary'] as const;
export const consentScopeSchema = z.enum(consentScopes);

export const clientParams = z.object({ clientId: uuid });
export const memberParams = clientParams.extend({ memberId: uuid });
export const consentParams = clientParams.extend({ consentId: uuid });
export const taskParams = clientParams.extend({ taskId: uuid });

export const openCircleBody = z.object({
  /** Who runs the circle: the person, or their legal representative for a person who cannot. */
  runBy: z.object({ relation: z.enum(['self', 'representative']), name: singleLine(200).pipe(z.string().min(1)), email: z.email().max(254) }),
  /** A professional opening a circle for someone else records the representative's (or person's) consent to it. */
  consentGiven: z.literal(true),
});

export const inviteBody = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('informal'),
    kind: z.enum(informalKinds),
    name: singleLine(200).pipe(z.string().min(1)),
    email: z.email().max(254),
    /** The person chooses: a member of the family may see the night summary too, if the person says so. */
    scopes: z.array(consentScopeSchema).min(1).max(consentScopes.length),
    endsAt: z.iso.datetime().optional(),
  }),
  z.object({
    type: z.literal('formal'),
    kind: z.enum(formalKinds),
    name: singleLine(200).pipe(z.string().min(1)),
    organisationId: uuid,
    userId: uuid.optional(),
    scopes: z.array(consentScopeSchema).min(1).max(consentScopes.length),
    endsAt: z.iso.datetime().optional(),
  }),
]);
export type InviteBody = z.infer<typeof inviteBody>;

export const memberOut = z.object({
  id: uuid,
  kind: z.enum(memberKinds),
  name: z.string(),
  informal: z.boolean(),
  organisationId: uuid.nullable(),
  coordinator: z.boolean(),
  joined: z.boolean(),
});

export const circleOut = z.object({
  id: uuid,
  clientId: uuid,
  personName: z.string(),
  paused: z.boolean(),
  /** What the caller may see and do here, so a page shows only that. */
  scopes: z.array(z.enum([...circleScopes, 'circle_manage'])),
});

export const consentOut = z.object({
  id: uuid,
  grantee: z.object({ kind: z.enum(['organisation', 'member']), name: z.string() }),
  levels: z.array(z.string()),
  purpose: z.string(),
  givenBy: z.string(),
  giverKind: z.enum(['person', 'representative']),
  givenAt: z.date(),
  endsAt: z.date().nullable(),
  withdrawnAt: z.date().nullable(),
});

export const goal = z.object({ text: singleLine(300).pipe(z.string().min(1)), theme: z.enum(['living_at_home', 'self_reliance', 'neighbourhood', 'health', 'other']), met: z.boolean().default(false) });
export const agreement = z.object({ text: singleLine(300).pipe(z.string().min(1)), owner: singleLine(200).pipe(z.string().min(1)) });

export const planBody = z.object({
  whatMatters: multiLine(4000),
  goals: z.array(goal).max(30),
  agreements: z.array(agreement).max(50),
  reviewOn: isoDate.nullable(),
  /** The version the writer saw: a change over someone else's newer one is refused, not lost. */
  baseVersion: z.number().int().min(0),
});
export type PlanBody = z.infer<typeof planBody>;

export const planOut = z.object({
  version: z.number().int(),
  whatMatters: z.string(),
  goals: z.array(goal),
  agreements: z.array(agreement),
  reviewOn: z.string().nullable(),
  /** Written wishes for the last phase of life: the night summary's wishes, one fact for both. */
  lastPhaseWishes: z.string(),
  history: z.array(z.object({ version: z.number().int(), changedBy: z.string(), changedAt: z.date(), fields: z.array(z.string()) })),
});

export const wishesBody = z.object({ wishes: multiLine(2000) });

export const places = ['home', 'practice', 'clinic', 'hospital'] as const;
export const taskStatuses = ['requested', 'accepted', 'done', 'declined'] as const;

export const taskBody = z
  .object({
    title: singleLine(200).pipe(z.string().min(1)),
    competence: z.enum(skills).nullable().default(null),
    place: z.enum(places),
    windowStart: z.iso.datetime(),
    windowEnd: z.iso.datetime(),
    ownerOrganisationId: uuid.optional(),
    ownerMemberId: uuid.optional(),
  })
  .refine((t) => Date.parse(t.windowEnd) > Date.parse(t.windowStart), { message: 'The window must end after it starts', path: ['windowEnd'] })
  .refine((t) => !(t.ownerOrganisationId && t.ownerMemberId), { message: 'One owner at most', path: ['ownerMemberId'] });
export type TaskBody = z.infer<typeof taskBody>;

export const declineBody = z.object({ reason: singleLine(500).pipe(z.string().min(1)) });

export const taskOut = z.object({
  id: uuid,
  title: z.string(),
  pathwayStep: z.string().nullable(),
  competence: z.string().nullable(),
  place: z.enum(places),
  windowStart: z.date(),
  windowEnd: z.date(),
  ownerOrganisationId: uuid.nullable(),
  ownerMemberId: uuid.nullable(),
  status: z.enum(taskStatuses),
  declineReason: z.string().nullable(),
  acceptedBy: z.string().nullable(),
  requestedBy: z.string(),
  escalated: z.boolean(),
  /** A home task while the person is in hospital: waits for the discharge. */
  paused: z.boolean(),
});

export const timelineOut = z.object({
  at: z.date(),
  type: z.string(),
  actor: z.string(),
  taskId: uuid.nullable(),
  details: z.record(z.string(), z.string()),
});

export const admissionBody = z.object({ inHospital: z.boolean() });

/** A file as base64 in the JSON body: the size and the real type are checked on the bytes (messages/service.ts). */
export const attachmentIn = z.object({
  fileName: singleLine(200).pipe(z.string().min(1)),
  // 7 MB of bytes at most before the setting's own limit; base64 adds a third.
  contentBase64: z.base64().max(Math.ceil((7 * 1024 * 1024 * 4) / 3)),
});

export const messageBody = z
  .object({
    text: multiLine(4000).pipe(z.string().min(1)),
    /** A reply: the thread's first message (or any message in it). */
    threadId: uuid.optional(),
    /** The first message of a thread about one task or referral. */
    taskId: uuid.optional(),
    attachments: z.array(attachmentIn).max(10).default([]),
  })
  .refine((m) => !(m.threadId && m.taskId), { message: 'A reply belongs to its thread’s task', path: ['taskId'] });
export type MessageBody = z.infer<typeof messageBody>;

export const messageParams = clientParams.extend({ messageId: uuid, attachmentId: uuid });
export const messageQuery = z.object({ taskId: uuid.optional() });

export const threadOut = z.object({
  id: uuid,
  taskId: uuid.nullable(),
  messages: z.array(
    z.object({
      id: uuid,
      sender: z.string(),
      sentAt: z.date(),
      text: z.string(),
      attachments: z.array(z.object({ id: uuid, fileName: z.string(), mediaType: z.string(), sizeBytes: z.number().int() })),
    }),
  ),
});

export const helpKinds = ['shopping', 'lift', 'visit', 'chores', 'company', 'other'] as const;
export const helpStatuses = ['open', 'claimed', 'done', 'withdrawn'] as const;
/** The time window of help, as neighbours plan it: the day and, if it matters, the part of the day. */
export const partsOfDay = ['morning', 'afternoon', 'evening'] as const;

export const helpBody = z.object({
  /** A request for help, or an offer of it: the person can offer as well as ask. */
  direction: z.enum(['request', 'offer']),
  kind: z.enum(helpKinds),
  title: singleLine(200).pipe(z.string().min(1)),
  wantedOn: isoDate.optional(),
  partOfDay: z.enum(partsOfDay).optional(),
});
export type HelpBody = z.infer<typeof helpBody>;

export const helpParams = clientParams.extend({ helpId: uuid });

export const helpOut = z.object({
  id: uuid,
  direction: z.enum(['request', 'offer']),
  kind: z.enum(helpKinds),
  title: z.string(),
  wantedOn: z.string().nullable(),
  partOfDay: z.enum(partsOfDay).nullable(),
  /** Shown to the neighbourhood as well, with only what the person chose (neighbourhood-help/). */
  sharedInNeighbourhood: z.boolean(),
  postedBy: z.string(),
  /** Who posted it: the person, a member, or a professional on the person's behalf. */
  postedByRole: z.enum(['person', 'member', 'professional']),
  status: z.enum(helpStatuses),
  claimedBy: z.string().nullable(),
  /** Whether the caller posted it (and so may not claim it) and may claim it now. */
  mine: z.boolean(),
  claimable: z.boolean(),
});

/** The load signal: one informal caregiver carries most of the circle's help; a break is suggested. */
export const loadOut = z.object({
  signal: z
    .object({
      memberId: uuid,
      name: z.string(),
      share: z.number(),
      count: z.number().int(),
      total: z.number().int(),
      windowDays: z.number().int(),
      /** The public respite overview. */
      respitePath: z.string(),
    })
    .nullable(),
});
