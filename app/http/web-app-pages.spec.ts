import express from 'express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webAppFiles, webAppPages } from './web-app-pages.js';

describe('the web app pages', () => {
  let designer: string;
  let server: Server;
  let url: string;
  const files = () => webAppFiles(designer);

  beforeAll(async () => {
    designer = mkdtempSync(join(tmpdir(), 'web-app-pages-'));
    const app = express();
    app.use(webAppPages(files(), ['/api']));
    app.use((_req, res) => res.status(404).send('not found'));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(designer, { recursive: true, force: true });
  });

  it('are not there before a build, say "being built" while one runs, and serve index.html once it is done', async () => {
    expect((await fetch(`${url}/tasklist`)).status).toBe(404);

    mkdirSync(files().buildLock);
    const building = await fetch(`${url}/tasklist`);
    expect(building.status).toBe(503);
    expect(building.headers.get('retry-after')).toBe('5');
    expect(await building.text()).toContain('The web app is being built');

    mkdirSync(files().root);
    writeFileSync(join(files().root, 'index.html'), '<!doctype html><title>CRM</title>');
    rmSync(files().buildLock, { recursive: true });
    const built = await fetch(`${url}/tasklist`);
    expect(built.status).toBe(200);
    expect(await built.text()).toContain('<title>CRM</title>');
  });

  it('leave the API prefixes and file names to what follows', async () => {
    expect((await fetch(`${url}/api/deals`)).status).toBe(404);
    expect((await fetch(`${url}/API/deals`)).status).toBe(404);
    expect((await fetch(`${url}/missing.js`)).status).toBe(404);
  });
});
