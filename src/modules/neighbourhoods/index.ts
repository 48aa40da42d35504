export { neighbourhoodRoutes } from './routes.js';
export { addAmbition, addCommitment, addPartner, createNeighbourhood, reportProgress } from './service.js';
// Help shared with the neighbourhood (circles): which partnership covers a person's area, and whose a citizen is.
export { neighbourhoodNames, neighbourhoodOfArea, neighbourhoodsOf } from './areas.js';
