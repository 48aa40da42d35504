import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { createCircleWorld, inviteFormal, inviteInformal, openCircleByRepresentative, staffOf, type CircleWorld, type OpenedCircle, type Staff } from '../../../../test/support/circle-world.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../../../test/support/smtp.js';

let smtp: SmtpCatcher;
let t: TestApp;
let world: CircleWorld;
let homeCoordinator: Staff;
let districtNurse: Staff;
let counter = 0;

const email = (label: string) => `${label}-${++counter}@burger.example`;
const MAX_BYTES = 2048;
const pdfBytes = (size = 200) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size - 9, 0x20)]);
const asFile = (fileName: string, bytes: Buffer) => ({ fileName, contentBase64: bytes.toString('base64') });

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  t = await startTestApp({ mail: { smtpUrl: smtp.url }, circles: { overdueSweep: false, settings: { attachmentMaxBytes: MAX_BYTES, attachmentTypes: ['pdf', 'png'] } } });
  world = await createCircleWorld(t.db);
  homeCoordinator = await staffOf(t.app, t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'msg-home');
  districtNurse = await staffOf(t.app, t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'msg-district');
});
afterAll(() => smtp.close());

const open = (name: string) => openCircleByRepresentative(t.app, smtp, homeCoordinator.session, name, email('daughter'));

async function send(circle: OpenedCircle, body: object) {
  const response = await circle.daughter.post(`/api/circles/${circle.clientId}/messages`, body);
  return { status: response.statusCode, id: response.statusCode === 201 ? response.json<{ id: string }>().id : '', body: response.body };
}

type Thread = { id: string; taskId: string | null; messages: { id: string; sender: string; text: string; attachments: { id: string; fileName: string; mediaType: string; sizeBytes: number }[] }[] };

describe('messages in a circle', () => {
  it('threads replies under their first message, per circle and per task, for members with the messages scope', async () => {
    const circle = await open('Threads');
    const henkEmail = email('henk');
    const henk = await inviteInformal(t.app, smtp, circle, { name: 'Henk', email: henkEmail }, ['circle_messages', 'circle_tasks']);
    await inviteFormal(circle, 'district_nurse', world.partnerOrg, ['circle_messages']);
    const task = await circle.daughter.post(`/api/circles/${circle.clientId}/tasks`, { title: 'Boodschappen', place: 'home', windowStart: new Date().toISOString(), windowEnd: new Date(Date.now() + 86_400_000).toISOString() });
    const taskId = task.json<{ id: string }>().id;

    const general = await send(circle, { text: 'Welkom in de kring.' });
    const aboutTask = await send(circle, { text: 'Wie kan dinsdag?', taskId });
    expect([general.status, aboutTask.status]).toEqual([201, 201]);
    const reply = await henk.session.post(`/api/circles/${circle.clientId}/messages`, { text: 'Ik kan dinsdag.', threadId: aboutTask.id });
    expect(reply.statusCode, reply.body).toBe(201);

    const all = await districtNurse.session.get(`/api/circles/${circle.clientId}/messages`);
    expect(all.statusCode).toBe(200);
    expect(all.json<{ items: Thread[] }>().items).toEqual([
      expect.objectContaining({ id: general.id, taskId: null, messages: [expect.objectContaining({ text: 'Welkom in de kring.', sender: 'Marieke' })] }),
      expect.objectContaining({ id: aboutTask.id, taskId, messages: [expect.objectContaining({ text: 'Wie kan dinsdag?' }), expect.objectContaining({ text: 'Ik kan dinsdag.', sender: 'Henk' })] }),
    ]);
    const perTask = (await henk.session.get(`/api/circles/${circle.clientId}/messages?taskId=${taskId}`)).json<{ items: Thread[] }>().items;
    expect(perTask.map((th) => th.id)).toEqual([aboutTask.id]);
  });

  it('mails members only that there is a new message, with a link, never what it says', async () => {
    const circle = await open('Notified');
    const henkEmail = email('henk');
    await inviteInformal(t.app, smtp, circle, { name: 'Henk', email: henkEmail }, ['circle_messages']);
    const anneEmail = email('anne');
    await inviteInformal(t.app, smtp, circle, { name: 'Anne', email: anneEmail }, ['circle_tasks']);
    const beforeAnne = smtp.to(anneEmail).length;
    const since = smtp.to(henkEmail).length;
    expect((await send(circle, { text: 'De sleutel ligt onder de mat bij nummer 12.' })).status).toBe(201);
    const mail = await smtp.waitFor(henkEmail, { since });
    expect(mail.subject).toBe('Nieuw bericht in de zorgkring van Jantje Notified');
    expect(mail.text).toContain(`/burger/kring/${circle.clientId}`);
    expect(mail.text + mail.html + mail.subject).not.toContain('sleutel');
    expect(mail.text).not.toContain('Marieke');
    // Anne's consent does not name the messages: she hears nothing of them.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.to(anneEmail).length).toBe(beforeAnne);
    // Nor does the sender mail herself.
    expect(smtp.to(circle.daughterEmail).filter((m) => m.subject.startsWith('Nieuw bericht'))).toEqual([]);
  });

  it('stores an allowed attachment and serves its bytes back, each download audited', async () => {
    const circle = await open('Attached');
    const bytes = pdfBytes(500);
    const sent = await send(circle, { text: 'De ontslagbrief.', attachments: [asFile('ontslagbrief.pdf', bytes)] });
    expect(sent.status, sent.body).toBe(201);
    const thread = (await circle.daughter.get(`/api/circles/${circle.clientId}/messages`)).json<{ items: Thread[] }>().items[0];
    const file = thread?.messages[0]?.attachments[0];
    expect(file).toEqual({ id: expect.any(String) as string, fileName: 'ontslagbrief.pdf', mediaType: 'application/pdf', sizeBytes: 500 });
    const download = await homeCoordinator.session.get(`/api/circles/${circle.clientId}/messages/${sent.id}/attachments/${file?.id ?? ''}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain('ontslagbrief.pdf');
    expect(download.rawPayload.equals(bytes)).toBe(true);
    const audited = await t.db.selectFrom('audit_log').select(['action', 'resource', 'fields', 'outcome']).where('client_id', '=', circle.clientId).where('resource', '=', 'circle_attachment').execute();
    expect(audited).toEqual([{ action: 'read', resource: 'circle_attachment', fields: [file?.id], outcome: 'allowed' }]);
  });

  it('refuses an attachment that is too large, of a type not allowed, or not what its name says, with 400 and nothing stored', async () => {
    const circle = await open('Refused');
    const cases = [
      { file: asFile('groot.pdf', pdfBytes(MAX_BYTES + 1)), code: 'too_large' },
      { file: asFile('foto.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])), code: 'type_not_allowed' },
      { file: asFile('brief.pdf', Buffer.from('MZ\x90\x00 not a pdf')), code: 'content_mismatch' },
    ];
    for (const { file, code } of cases) {
      const response = await circle.daughter.post(`/api/circles/${circle.clientId}/messages`, { text: 'Zie bijlage', attachments: [file] });
      expect(response.statusCode, code).toBe(400);
      expect(response.json<{ error: { fields: { code: string }[] } }>().error.fields).toEqual([expect.objectContaining({ code })]);
    }
    expect((await circle.daughter.get(`/api/circles/${circle.clientId}/messages`)).json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('reads as not found outside the messages scope, after withdrawal, and for another circle’s message or attachment', async () => {
    const circle = await open('Scoped');
    const other = await open('Other');
    const henk = await inviteInformal(t.app, smtp, circle, { name: 'Henk', email: email('henk') }, ['circle_tasks']);
    const sent = await send(circle, { text: 'Alleen voor wie berichten mag zien.', attachments: [asFile('a.pdf', pdfBytes())] });
    const file = (await circle.daughter.get(`/api/circles/${circle.clientId}/messages`)).json<{ items: Thread[] }>().items[0]?.messages[0]?.attachments[0]?.id ?? '';
    expect((await henk.session.get(`/api/circles/${circle.clientId}/messages`)).statusCode).toBe(404);
    expect((await henk.session.post(`/api/circles/${circle.clientId}/messages`, { text: 'Hallo' })).statusCode).toBe(404);
    expect((await henk.session.get(`/api/circles/${circle.clientId}/messages/${sent.id}/attachments/${file}`)).statusCode).toBe(404);
    // The district nurse's organisation is not in this circle.
    expect((await districtNurse.session.get(`/api/circles/${circle.clientId}/messages`)).statusCode).toBe(404);
    // A message of this circle asked through another circle, or a reply to it there: not found.
    expect((await other.daughter.get(`/api/circles/${other.clientId}/messages/${sent.id}/attachments/${file}`)).statusCode).toBe(404);
    expect((await other.daughter.post(`/api/circles/${other.clientId}/messages`, { text: 'Antwoord', threadId: sent.id })).statusCode).toBe(404);
    const refused = await t.db.selectFrom('audit_log').select(['resource', 'outcome']).where('client_id', '=', circle.clientId).where('user_name', '=', 'Henk').where('resource', 'in', ['circle_message', 'circle_attachment']).execute();
    expect(refused.length).toBe(3);
    expect(refused.every((r) => r.outcome === 'refused')).toBe(true);
  });
});
