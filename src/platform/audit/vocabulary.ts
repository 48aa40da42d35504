import { z } from 'zod';

/**
 * The closed vocabulary of the audit log (NEN 7513: what was done to what). A new capability adds its
 * words here, so a report or a client's access overview can name every entry; a free string per call
 * site would drift (`read` and `view`, `night_summary` and `nightSummary`).
 */
export const auditActions = [
  'read',
  'search',
  'index_search',
  'create',
  'update',
  'delete',
  'change',
  'reveal',
  'import',
  'generate_letter',
  'generate_report',
  'link_alarm',
  'link_incident',
  'plan_visit',
  'emergency_access',
  'review_emergency_access',
  'record_objection',
  'withdraw_objection',
  'record_consent',
  'withdraw_consent',
  'send_sign_in_link',
  'sign_in',
  'sign_out',
  'invite',
  'accept_invitation',
  'add_member',
  'remove_member',
  'correct_minutes',
  'book_stay',
  'open_circle',
  'join_circle',
  'accept_task',
  'decline_task',
  'complete_task',
  'start_pathway',
  'record_admission',
  'receive_message',
  'send_message',
  'post_help',
  'claim_help',
  'update_commitment',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditResources = [
  'client',
  'identification',
  'identification_index',
  'night_summary',
  'key_safe',
  'incident',
  'handover',
  'planned_visit',
  'letter',
  'sharing',
  'access_grant',
  'emergency_review',
  'consent',
  'alarm_key',
  'audit_log',
  'audit_trail',
  'citizen_session',
  'incident_message',
  'call_back',
  'call_log',
  'invitation',
  'team_member',
  'visit_report',
  'respite_needs',
  'respite_stay',
  'circle',
  'circle_member',
  'circle_plan',
  'circle_task',
  'circle_timeline',
  'last_phase_wishes',
  'circle_experience',
  'nursing_report',
  'anw_task',
  'circle_message',
  'circle_attachment',
  'circle_help',
  'medcom_message',
  'respite_settings',
] as const;
/** A refusal at a route's role check (platform/auth/refusal-audit.ts) names the route pattern instead: REST or FHIR. */
export type RefusedRoute = `/api/${string}` | `/fhir/${string}`;
export type AuditResource = (typeof auditResources)[number] | RefusedRoute;

export const auditActionSchema = z.enum(auditActions);
export const auditResourceSchema = z.union([z.enum(auditResources), z.string().regex(/^\/(api|fhir)\/\S*$/).transform((route) => route as RefusedRoute)]);
