import { z } from 'zod';
import { multiLine, singleLine } from '../../../platform/http/index.js';
import { themes } from '../schemas.js';
import { DOCUMENT_MAX_BYTES } from './document-file.js';

export const kinds = ['persona', 'film', 'document'] as const;

const line = singleLine(300);
/** A list field the form writes one item a line; empty lines are the form's, not content. */
const items = (max: number) => z.array(line).max(max).transform((list) => list.filter((item) => item.trim() !== ''));
const persona = z.object({
  situation: multiLine(3000).min(10),
  needs: items(15).pipe(z.array(z.string()).min(1)),
  helps: items(15).pipe(z.array(z.string()).min(1)),
  quotes: z.array(multiLine(500)).max(10).default([]).transform((list) => list.filter((item) => item.trim() !== '')),
});

/**
 * A film or a document link: https only. Any host, not a list of video sites: the film is embedded only
 * after the visitor presses play (nothing loads from its host before), in a sandboxed frame without a
 * referrer, and only vetted staff publish; a list would shut out a municipality's or broadcaster's own
 * player and need upkeep. https, because a public page served over https cannot frame plain http, and a
 * user name or password in the address would be published with it.
 */
const httpsUrl = z.url({ protocol: /^https$/ }).max(500).refine((value) => { const u = new URL(value); return u.username === '' && u.password === ''; }, { message: 'no user name or password in the address', params: { code: 'credentials' } });

/** A document uploaded as base64 in the JSON body; its type and size are checked on the bytes (document-file.ts). */
const upload = z.object({ fileName: singleLine(200).min(1), contentBase64: z.base64().max(Math.ceil((DOCUMENT_MAX_BYTES * 4) / 3) + 4) });

/**
 * What a network coordinator or the national body writes about a resource. A persona carries its
 * content and full provenance (made by, from at least one conversation, when, licence); a film its
 * https URL; a document either a link or an uploaded file. Problems come back per field.
 */
export const resourceBody = z
  .object({
    kind: z.enum(kinds),
    title: singleLine(140).min(3),
    summary: multiLine(2000).default(''),
    url: httpsUrl.optional(),
    file: upload.optional(),
    themes: z.array(z.enum(themes)).max(themes.length).default([]),
    persona: persona.optional(),
    madeBy: singleLine(200).default(''),
    conversations: z.number().int().min(1).max(1000).optional(),
    madeOn: z.iso.date().optional(),
    licence: singleLine(120).default(''),
    fictional: z.boolean().default(false),
    initiativeIds: z.array(z.uuid()).max(50).default([]),
  })
  .superRefine((body, ctx) => {
    const required = (path: string) => ctx.addIssue({ code: 'custom', path: [path], message: `required for a ${body.kind}`, params: { code: 'required' } });
    if (body.kind === 'persona') {
      if (!body.persona) required('persona');
      if (body.madeBy.trim().length < 2) required('madeBy');
      if (body.conversations === undefined) required('conversations');
      if (!body.madeOn) required('madeOn');
      if (body.licence.trim() === '') required('licence');
    }
    if (body.kind === 'film' && !body.url) required('url');
    // A document without either may keep the file it has (an edit); the service decides that.
    if (body.kind === 'document' && body.url && body.file) ctx.addIssue({ code: 'custom', path: ['url'], message: 'a document is either a link or an uploaded file', params: { code: 'link_or_file' } });
    if (body.kind !== 'document' && body.file) ctx.addIssue({ code: 'custom', path: ['file'], message: 'only a document has a file', params: { code: 'not_allowed' } });
  });
export type ResourceBody = z.infer<typeof resourceBody>;

export const resourceOut = z.object({
  id: z.uuid(), kind: z.enum(kinds), title: z.string(), summary: z.string(), url: z.string().nullable(), themes: z.array(z.string()),
  persona: z.object({ situation: z.string(), needs: z.array(z.string()), helps: z.array(z.string()), quotes: z.array(z.string()) }).nullable(),
  provenance: z.object({ madeBy: z.string(), conversations: z.number().nullable(), madeOn: z.string().nullable(), licence: z.string(), publishedBy: z.string() }),
  fictional: z.boolean(),
  /** An uploaded document's file name; its bytes are at `…/resources/{id}/document`. */
  file: z.object({ name: z.string(), sizeBytes: z.number() }).nullable(),
});

/** The publisher's own view: withdrawn ones too, with the linked initiatives, for the edit form. */
export const ownResourceOut = resourceOut.extend({ initiatives: z.array(z.object({ id: z.uuid(), title: z.string() })), withdrawnAt: z.string().nullable() });
