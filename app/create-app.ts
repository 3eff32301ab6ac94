import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { CamundaExceptionFilter } from '../engine/nest/rest/camunda-exception.filter.js';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config.js';

const API_PREFIXES = ['/engine-rest', '/api', '/health', '/docs', '/metrics'];

export interface AppExtras {
  /** more controllers (end-to-end specs) */
  readonly extraControllers?: readonly Type[];
}

/** Builds the HTTP application (used by main.ts and by end-to-end specs). */
export async function createApp(config: AppConfig, extras: AppExtras = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, extras.extraControllers ?? []), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
  app.useBodyParser('json', { limit: '16mb' });
  app.useBodyParser('urlencoded', { limit: '1mb', extended: true });
  app.useGlobalFilters(new CamundaExceptionFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('CRM BPMN engine')
      .setDescription('Camunda 7 compatible REST API under /engine-rest, the CRM API under /api, health at /health')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  serveWebApp(app);
  return app;
}

/** Express's `trust proxy`: whom to believe about the client's address and HTTPS (Secure cookies, sign-in back-off) */
function trustProxySetting(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** the built web app (designer/dist) at `/`, with client-side routes falling back to index.html */
function serveWebApp(app: NestExpressApplication): void {
  const here = dirname(fileURLToPath(import.meta.url));
  // dist/app/create-app.js (built) or app/create-app.ts (specs run from source)
  const root = [resolve(here, '..', '..', 'designer', 'dist'), resolve(here, '..', 'designer', 'dist')].find((dir) => existsSync(join(dir, 'index.html')));
  if (!root) return;
  app.useStaticAssets(root, { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    // Express matches routes case-insensitively: so must this, or /ENGINE-REST/... would get the page instead of the API's answer
    const path = req.path.toLowerCase();
    if (req.method !== 'GET' || API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`)) || path.includes('.')) return next();
    res.sendFile(join(root, 'index.html'));
  });
}
