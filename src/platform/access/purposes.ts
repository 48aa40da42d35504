import { z } from 'zod';

/**
 * The purposes data is shared for between organisations: each capability names its own, and a
 * data-sharing agreement lists the purposes it covers (data_sharing_agreement.purposes), so an agreement
 * for night care opens nothing for respite. Exchange is the FHIR exchange with partners outside.
 */
export const sharingPurposes = ['nightcare', 'respite', 'care_network', 'exchange'] as const;
export type SharingPurpose = (typeof sharingPurposes)[number];
export const sharingPurposeSchema = z.enum(sharingPurposes);

/** Night care is the capability that shares today; an access request that names none asks for it. */
export const DEFAULT_SHARING_PURPOSE: SharingPurpose = 'nightcare';
