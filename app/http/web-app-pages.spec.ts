import express from 'express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webAppAssets, webAppFiles, webAppPages } from './web-app-pages.js';

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

describe('the web app files', () => {
  let designer: string;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    designer = mkdtempSync(join(tmpdir(), 'web-app-assets-'));
    const files = webAppFiles(designer);
    mkdirSync(join(files.root, 'engine-rest'), { recursive: true });
    writeFileSync(join(files.root, 'favicon.svg'), '<svg/>');
    // a file at an API path: proves that API requests never look at the disk
    writeFileSync(join(files.root, 'engine-rest', 'version'), 'from the disk');
    const app = express();
    app.use(webAppAssets(files, ['/engine-rest', '/api']));
    app.use((_req, res) => res.status(404).send('not found'));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(designer, { recursive: true, force: true });
  });

  it('are served, cached for an hour', async () => {
    const response = await fetch(`${url}/favicon.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
  });

  it.each(['/engine-rest/version', '/ENGINE-REST/version'])('are not looked up under an API prefix: %s', async (path) => {
    const response = await fetch(`${url}${path}`);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('not found');
  });
});
