import type { ApiJson } from '../../api/types.js';

export type Evaluation = ApiJson<'GET /api/evaluation'>;
export type LeadTime = Evaluation['rightTime'][number]['leadTime'];
export type Group = Evaluation['equality']['neighbourhoods'][number];
export const csvFigures = ['summary', 'hours', 'right_time', 'neighbourhoods', 'age_groups'] as const;
