import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { openDatabase } from '../engine/adapters/typeorm/data-source.js';
import { CamundaExceptionFilter } from '../engine/nest/rest/camunda-exception.filter.js';
import { migrations } from '../migrations/index.js';
import { AppModule } from './app.module.js';
import { ConfigError, loadConfig, type AppConfig } from './config.js';

async function migrate(config: AppConfig): Promise<void> {
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, migrations });
  const applied = await db.dataSource.runMigrations({ transaction: 'each' });
  console.log(applied.length > 0 ? `Applied ${applied.map((m) => m.name).join(', ')}` : 'Database is up to date');
  await db.dataSource.destroy();
}

async function serve(config: AppConfig): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: '16mb' });
  app.useBodyParser('urlencoded', { limit: '1mb', extended: true });
  app.useGlobalFilters(new CamundaExceptionFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('CRM BPMN engine')
      .setDescription('Camunda 7 compatible REST API under /engine-rest, the CRM API under /api, health at /health')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  await app.listen(config.PORT, config.HOST);
  app.get(Logger).log(`Listening on http://localhost:${config.PORT} (REST /engine-rest, docs /docs, health /health)`);
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (process.argv[2] === 'migrate') await migrate(config);
  else await serve(config);
}

main().catch((error: unknown) => {
  console.error(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
