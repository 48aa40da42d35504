import { IncidentMessages } from '../../components/incident-messages.js';
import { IncidentCalls } from './incident-calls.js';

/** The coordinator's side of one incident beside its actions: messages with the nurse, call-backs and calls. */
export function IncidentDesk({ incidentId, open }: { incidentId: string; open: boolean }) {
  return (
    <>
      <IncidentMessages incidentId={incidentId} open={open} />
      <IncidentCalls incidentId={incidentId} />
    </>
  );
}
