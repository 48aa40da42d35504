import { CallBackList } from './call-back-list.js';
import { RosterSection } from './roster-section.js';

/** What the board's live events refetch for the roster, the call-backs and the selected incident's messages and calls. */
export const deskRoutes = ['GET /api/nightcare/roster', 'GET /api/nightcare/call-backs', 'GET /api/nightcare/incidents/{id}/messages', 'GET /api/nightcare/incidents/{id}/calls'] as const;

/** The coordinator's desk beside the incident list: tonight's nurses and who to phone back. */
export function NightDesk({ onSelect }: { onSelect: (incidentId: string) => void }) {
  return (
    <>
      <RosterSection />
      <CallBackList onSelect={onSelect} />
    </>
  );
}
