import { jest } from '@jest/globals';

// starting the service (database, migrations, seeding) and waiting for its jobs: minutes when the machine is loaded
jest.setTimeout(180_000);
