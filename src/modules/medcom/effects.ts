import type { PlatformDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/http/index.js';
import { recordAdmission, recordCircleMessage, startPathway, type CircleRecorder } from '../circles/index.js';
import { hospitalEffect } from './hospital-notification.js';
import { asArray, obj, sorOf, str, type Message } from './message.js';

/** A circle that does not exist changes nothing: the message stays on record with the person. */
async function unlessNoCircle(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
  }
}

/**
 * What a valid message does to the person's circle, through the circles module (each step audited
 * there, as whoever applies it: the gateway on receipt, the member of staff on a late match).
 */
export async function applyMessage(deps: PlatformDeps, ctx: CircleRecorder, clientId: string, m: Message): Promise<void> {
  if (m.kind === 'hospital_notification') {
    const effect = hospitalEffect(m);
    if (effect === 'admitted') await unlessNoCircle(recordAdmission(deps, ctx, clientId, true));
    if (effect === 'admission_cancelled') await unlessNoCircle(recordAdmission(deps, ctx, clientId, false));
    if (effect === 'discharged') {
      await unlessNoCircle(recordAdmission(deps, ctx, clientId, false));
      // The hospital announces the discharge: the pathway's norms count from its receipt.
      await unlessNoCircle(startPathway(deps, ctx, clientId, 'hospital_discharge'));
    }
  }
  if (m.kind === 'care_communication') {
    const communication = m.resolve(asArray(m.header?.focus)[0]);
    const text = asArray(communication?.payload).map((p) => str(obj(p).contentString)).find((t) => t !== undefined) ?? '';
    const topic = str(obj(communication?.topic).text) ?? str(obj(asArray(obj(asArray(communication?.category)[0]).coding)[0]).code) ?? '';
    await unlessNoCircle(recordCircleMessage(deps, ctx, clientId, { direction: 'in', party: str(m.sender?.name) ?? sorOf(m.sender) ?? '', topic, text }));
  }
}
