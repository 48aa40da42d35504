// Prints the current two-factor code of the demo accounts (they share one published demo secret).
import { currentTotp } from '../src/platform/auth/index.js';
import { DEMO_TOTP_SECRET } from '../src/seed/demo-region.js';

console.log(currentTotp(DEMO_TOTP_SECRET));
