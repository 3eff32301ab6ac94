import { jest } from '@jest/globals';

// the service, Chromium and whole journeys through the web app
jest.setTimeout(300_000);
