export { take, type RateDeps, type RateRule, type Taken } from './take.js';
