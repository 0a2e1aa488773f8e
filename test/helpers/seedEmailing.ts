// The tests seed a cache as the benchmarks do (src/backend/accounts/seedEmailing.ts).
export { seedEmailing } from '../../src/backend/accounts/seedEmailing';
