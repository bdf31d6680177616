export { MAX_SERVICES, boundaryServices, generateServices, teamNames, type FleetGenOptions } from './generate.js';
export { Random } from './random.js';
export { fleetText, writeFleet, type FleetFormat } from './write.js';
