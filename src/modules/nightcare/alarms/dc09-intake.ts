import type { PlatformDeps } from '../../../platform/deps.js';
import type { AlarmInput, IntakeActor } from './ingest.js';
import { loadAlarmKeys, type AlarmKeyCache } from './keys.js';
import { startReceiver, type AlarmEvent, type Dc09Intake, type Dc09Message, type ReasonOverrides, type ReceiverProblem, type ReplyKind } from './dc09/index.js';
import { receiveAlarm } from './receive.js';
import { recordLastSeen } from './supervision/last-seen.js';

export const DC09_ACTOR: IntakeActor = { kind: 'machine', name: 'dc09-receiver' };

export interface AlarmReceiverOptions {
  /** Each account's alarms go to the alliance it is registered in (alarm key, supervision); this one takes an unknown account's. */
  allianceId: string;
  host: string;
  /** 0 picks a free port (tests); TCP and UDP share it. */
  port: number;
  /** Refused frames, failed commits, socket errors: for the log. */
  onProblem?: (problem: ReceiverProblem) => void;
  /** Failures outside the reply path: automatic dispatch, key reloads. */
  onError?: (error: unknown) => void;
  keyRefreshMs?: number;
  /** Offer fresh night incidents to a nurse when the alliance dispatches their urgency automatically (default on). */
  dispatch?: boolean;
  closeGraceMs?: number;
  /** Device-specific codes, e.g. CLIMAX_PERS_OVERRIDES (Contact ID has no standard fall code). */
  reasonOverrides?: ReasonOverrides;
}

export interface AlarmReceiver {
  readonly host: string;
  readonly port: number;
  readonly keys: AlarmKeyCache;
  /** True from a successful bind until close(): what readiness reports for the DC-09 listener. */
  readonly listening: boolean;
  close(): Promise<void>;
}

/**
 * What makes a retransmission the same alarm. The sequence number alone is not enough: it runs
 * 0001-9999 and wraps, and many transmitters restart it at 0001 after a power cycle, so a new alarm
 * could reuse the key of an old one and be dropped as a "duplicate" — a lost alarm. A retransmission
 * repeats the message unchanged, timestamp included (DC-09-2013 §5.5.1.8), so account, sequence and
 * the message's own time identify it. Without a timestamp the receiver's UTC date stands in: a retry
 * arrives within seconds, so it only misses when it crosses midnight UTC, and then the alarm is stored
 * twice — a duplicate the coordinator can close, never a loss. A transmitter that re-stamps a retry
 * (as it must after a NAK for the time window) likewise yields at worst a duplicate.
 */
export function dc09DedupKey(message: Pick<Dc09Message, 'account' | 'sequence' | 'timestamp'>, receivedAt: Date): string {
  const when = message.timestamp ? message.timestamp.toISOString() : receivedAt.toISOString().slice(0, 10);
  return `${message.account ?? ''}:${message.sequence}:${when}`;
}

/** One alarm per event; several events in one message get a suffix each, so each is stored once. */
export function dc09AlarmInputs(allianceId: string, intake: Dc09Intake): AlarmInput[] {
  const { message } = intake;
  const base = dc09DedupKey(message, intake.receivedAt);
  const raw = JSON.stringify({
    token: message.token,
    sequence: message.sequence,
    receiver: message.receiver,
    line: message.line,
    account: message.account,
    data: message.data,
    extended: message.extended,
    timestamp: message.timestamp?.toISOString(),
    encrypted: message.encrypted,
    transport: intake.transport,
    remote: `${intake.remoteAddress}:${intake.remotePort}`,
    ...(intake.eventError && { eventError: intake.eventError }),
  });
  const common = {
    allianceId,
    source: 'dc09' as const,
    raw,
    receivedAt: intake.receivedAt,
    ...(message.account !== undefined && { account: message.account, sender: { kind: 'dc09' as const, id: message.account, seenAt: intake.receivedAt } }),
  };
  // A message whose data we cannot decode may still be someone pressing their pendant: it becomes an
  // alarm with reason 'other' in the night queue rather than being dropped.
  if (intake.events.length === 0) return [{ ...common, dedupKey: base, reason: 'other', qualifier: 'new' }];
  const event = (e: AlarmEvent, dedupKey: string): AlarmInput => ({ ...common, dedupKey, reason: e.reason, qualifier: e.qualifier, eventCode: e.code });
  if (intake.events.length === 1) return [event(intake.events[0] as AlarmEvent, base)];
  return intake.events.map((e, i) => event(e, `${base}/${i + 1}`));
}

/**
 * Starts the DC-09 receiver of this server, for every alliance's accounts. A message is ACKed only after its alarms are committed;
 * a retransmission finds them stored and is ACKed again (DC-09 requires it, else the transmitter keeps
 * retrying). When the commit fails nothing is sent: the transmitter times out and retries or fails over.
 * Link tests (NULL) are ACKed by the receiver itself; they only record that the account is alive.
 */
export async function startAlarmReceiver(deps: PlatformDeps, options: AlarmReceiverOptions): Promise<AlarmReceiver> {
  const onError = options.onError ?? (() => undefined);
  const keys = await loadAlarmKeys(deps, options.allianceId, { allAlliances: true, onError, ...(options.keyRefreshMs !== undefined && { refreshMs: options.keyRefreshMs }) });
  const allianceOf = (account: string | undefined) => (account === undefined ? undefined : keys.allianceOf(account)) ?? options.allianceId;
  const after = (options.dispatch ?? true) ? { dispatch: true as const, onError } : { dispatch: false as const };
  const onMessage = async (intake: Dc09Intake): Promise<ReplyKind> => {
    // Resolves when every alarm of the message is durable (or was already stored): only then the ACK.
    await receiveAlarm(deps, dc09AlarmInputs(allianceOf(intake.message.account), intake), DC09_ACTOR, after);
    return 'ack';
  };
  try {
    const receiver = await startReceiver({
      host: options.host,
      port: options.port,
      keys: keys.lookup,
      onMessage,
      // Off the reply path: the ACK does not wait for this cheap upsert, and a failure only loses a sign of life.
      onLinkTest: (intake) => {
        const account = intake.message.account;
        if (account) void recordLastSeen(deps.db, { allianceId: allianceOf(account), kind: 'dc09', source: account, at: intake.receivedAt }).catch(onError);
      },
      ...(options.onProblem && { onProblem: options.onProblem }),
      ...(options.closeGraceMs !== undefined && { closeGraceMs: options.closeGraceMs }),
      ...(options.reasonOverrides && { reasonOverrides: options.reasonOverrides }),
    });
    let listening = true;
    return {
      host: receiver.host,
      port: receiver.port,
      keys,
      get listening() {
        return listening;
      },
      close: async () => {
        listening = false;
        keys.stop();
        await receiver.close();
      },
    };
  } catch (error) {
    keys.stop();
    throw error;
  }
}
