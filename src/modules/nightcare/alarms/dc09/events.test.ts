import { describe, expect, it } from 'vitest';
import { CLIMAX_PERS_OVERRIDES, contactIdReason, formatContactId, parseContactId } from './contact-id.js';
import { decodeEvents } from './events.js';
import { openFrame, parseFrame, wrapMessage } from './frame.js';
import { parseSiaData, siaQualifier } from './sia-codes.js';
import { PYSIAALARM_ADM_CID_FIXED, PYSIAALARM_PANEL_MESSAGES } from './vectors.js';

describe('Contact ID', () => {
  it.each([
    ['1101 01 001', 'personal_emergency', 'new'],
    ['3101 01 001', 'personal_emergency', 'restore'],
    ['1100 00 000', 'personal_emergency', 'new'],
    ['1102 00 000', 'inactivity', 'new'],
    ['1111 00 003', 'fire_smoke', 'new'],
    ['1302 00 000', 'low_battery', 'new'],
    ['3384 00 012', 'low_battery', 'restore'],
    ['1602 00 000', 'test', 'new'],
    ['1603 00 000', 'test', 'new'],
    ['1641 00 072', 'inactivity', 'new'],
    ['1354 00 000', 'technical', 'new'],
    ['6301 00 000', 'technical', 'status'],
    ['1401 01 003', 'other', 'new'],
    ['E101 01 001', 'personal_emergency', 'new'],
    ['R110 01 001', 'fire_smoke', 'restore'],
  ])('maps %s to %s (%s)', (data, reason, qualifier) => {
    expect(parseContactId(data)).toMatchObject({ ok: true, value: { reason, qualifier } });
  });

  it('reads zone and partition, and formats the same text back', () => {
    expect(parseContactId('1101 02 017')).toMatchObject({ ok: true, value: { code: '101', partition: '02', zone: '017' } });
    expect(formatContactId({ qualifier: 'restore', code: '101', partition: '2', zone: '17' })).toBe('3101 02 017');
  });

  it('maps a Climax fall (120) only with the vendor overrides', () => {
    expect(contactIdReason('120')).toBe('personal_emergency');
    expect(contactIdReason('120', CLIMAX_PERS_OVERRIDES)).toBe('fall');
  });

  it('refuses text that is not Q EEE GG ZZZ', () => {
    expect(parseContactId('hello')).toMatchObject({ ok: false, error: { code: 'body' } });
    expect(parseContactId('2101 01 001').ok).toBe(false);
  });
});

describe('SIA codes', () => {
  it('reads codes, zones, areas and text from panel data', () => {
    expect(parseSiaData('Nri1/MA001')).toEqual({
      ok: true,
      value: [{ scheme: 'sia', code: 'MA', qualifier: 'new', reason: 'personal_emergency', zone: '001', partition: '1' }],
    });
    expect(parseSiaData('Nri0KR1^TAST. 001 ^')).toMatchObject({ ok: true, value: [{ code: 'KR', zone: '1', text: 'TAST. 001' }] });
    expect(parseSiaData('NRR|Atest')).toMatchObject({ ok: true, value: [{ code: 'RR', qualifier: 'new', text: 'test' }] });
    expect(parseSiaData('Nri04/OP001NM')).toMatchObject({ ok: true, value: [{ code: 'OP', zone: '001' }, { code: 'NM' }] });
    expect(parseSiaData('NFA129')).toMatchObject({ ok: true, value: [{ code: 'FA', reason: 'fire_smoke', zone: '129' }] });
    expect(parseSiaData('Nti20:50:26RP99')).toMatchObject({ ok: true, value: [{ code: 'RP', reason: 'test' }] });
  });

  it.each([
    ['MA', 'new'],
    ['MH', 'restore'],
    ['YT', 'new'],
    ['YR', 'restore'],
    ['CR', 'new'],
    ['RR', 'new'],
    ['BU', 'restore'],
  ])('qualifies %s as %s', (code, q) => {
    expect(siaQualifier(code)).toBe(q);
  });

  it('refuses data without an event code', () => {
    expect(parseSiaData('')).toMatchObject({ ok: false, error: { code: 'body' } });
    expect(parseSiaData('N!!')).toMatchObject({ ok: false });
  });
});

describe('decodeEvents', () => {
  const open = (text: string) => {
    const frame = parseFrame(wrapMessage(text));
    if (!frame.ok) throw new Error(frame.error.detail);
    const message = openFrame(frame.value, undefined);
    if (!message.ok) throw new Error(message.error.detail);
    return message.value;
  };

  it('decodes the pysiaalarm ADM-CID vector as a fire alarm and SIA panel messages', () => {
    expect(decodeEvents(open(PYSIAALARM_ADM_CID_FIXED))).toMatchObject({ ok: true, value: [{ code: '110', reason: 'fire_smoke', zone: '129' }] });
    expect(decodeEvents(open(PYSIAALARM_PANEL_MESSAGES.closing))).toMatchObject({ ok: true, value: [{ code: 'CL', zone: '0' }] });
    expect(decodeEvents(open(PYSIAALARM_PANEL_MESSAGES.waterAlarm))).toMatchObject({ ok: true, value: [{ code: 'WA', reason: 'other' }] });
    expect(decodeEvents(open('"NULL"0001L0#12[]'))).toEqual({ ok: true, value: [] });
  });
});
