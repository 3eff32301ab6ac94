import { jest } from '@jest/globals';

// in-memory specs take milliseconds; the few that open PGlite need seconds on a loaded machine
jest.setTimeout(60_000);
