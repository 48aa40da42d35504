export { clientRoutes } from './routes.js';
export { clientUpdatedAt, createClient, readDatedNightSummary, readNightSummary, searchClients } from './service.js';
export { renderLetters } from './letter-pdf.js';
export { CSV_COLUMNS, importClientsCsv } from './csv-import.js';
export type { ClientCreate, NightSummaryView, Identification, IndexCriteria } from './schemas.js';
export { identificationOf, identifyClients, identifyClientsShared, permittedLocation } from './alarm-link.js';
export { linkAlarmAccount, locateClient, type LinkedClient } from './index.light.js';
export { revealKeySafe, readClientRecord } from './service.js';
export { identificationOut, identifiesOneClient, indexCriteriaShape, INDEX_CRITERIA_MESSAGE, nightSummaryOut } from './schemas.js';
export { searchIdentificationIndex } from './identification-index.js';
export { lastPhaseWishes, personName, setLastPhaseWishes } from './wishes.js';
// Danish messages (medcom): the client a CPR number names, and the name and number an outgoing message carries.
export { clientIdByCpr, messagingIdentity } from './messaging.js';
export { cprBirthDate, maskCpr, normaliseCpr } from './cpr.js';
export { applyClientList, checkClientList, MAX_IMPORT_ROWS, type ClientListCheck, type ListImportReport, type Problem, type RefusedEntry } from './list-import.js';
export { nightRisks } from './schemas.js';
// Help shared with the neighbourhood (circles): the postcode area and first name the person may choose to show.
export { neighbourhoodFacts, postcodeArea, postcodeAreasOf } from './postcode-area.js';
export { clientIdByCprInAlliance } from './messaging.js';
