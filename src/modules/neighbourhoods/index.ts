export { neighbourhoodRoutes } from './routes.js';
export { addAmbition, addCommitment, addPartner, createNeighbourhood, reportProgress } from './service.js';
