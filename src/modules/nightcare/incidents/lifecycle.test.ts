import { describe, expect, expectTypeOf, it } from 'vitest';
import type { IncidentEventTypeColumn, IncidentStatusColumn } from '../tables.js';
import { canMove, CLOSED, incidentStatuses, type IncidentEventType, type IncidentStatus } from './lifecycle.js';

const OPEN = incidentStatuses.filter((s) => !CLOSED.has(s));

describe('incident lifecycle', () => {
  it('has exactly the statuses and history types the incident tables hold (checked by typecheck)', () => {
    expectTypeOf<IncidentStatus>().toEqualTypeOf<IncidentStatusColumn>();
    expectTypeOf<IncidentEventType>().toEqualTypeOf<IncidentEventTypeColumn>();
  });

  it('walks the happy path from received to completed one step at a time', () => {
    const path: IncidentStatus[] = ['received', 'triaged', 'assigned', 'accepted', 'en_route', 'on_site', 'completed'];
    for (let i = 1; i < path.length; i++) expect(canMove(path[i - 1]!, path[i]!), `${path[i - 1]} → ${path[i]}`).toBe(true);
  });

  it('lets no closed incident move anywhere, not even to itself', () => {
    for (const from of CLOSED) for (const to of incidentStatuses) expect(canMove(from, to), `${from} → ${to}`).toBe(false);
  });

  it('escalates from every open state', () => {
    for (const from of OPEN) expect(canMove(from, 'escalated'), from).toBe(true);
  });

  it('cancels from every open state until the nurse is on site, where only completion or escalation remain', () => {
    for (const from of OPEN) expect(canMove(from, 'cancelled'), from).toBe(from !== 'on_site');
  });

  it('returns an offer to triage when it is declined or lapses, but never once accepted', () => {
    expect(canMove('assigned', 'triaged')).toBe(true);
    expect(canMove('triaged', 'triaged')).toBe(true);
    expect(canMove('accepted', 'triaged')).toBe(false);
    expect(canMove('en_route', 'triaged')).toBe(false);
  });

  it('refuses skipping triage, assignment or the visit itself', () => {
    expect(canMove('received', 'assigned')).toBe(false);
    expect(canMove('triaged', 'accepted')).toBe(false);
    expect(canMove('assigned', 'on_site')).toBe(false);
    expect(canMove('accepted', 'completed')).toBe(false);
    expect(canMove('en_route', 'completed')).toBe(false);
  });

  it('never moves back to received', () => {
    for (const from of incidentStatuses) expect(canMove(from, 'received'), from).toBe(false);
  });
});
