import { jest } from '@jest/globals';

// opening PGlite or a scratch database and running jobs through it: minutes when the machine is loaded
jest.setTimeout(180_000);
