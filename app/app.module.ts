import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { hostname } from 'node:os';
import { AuditModule } from '../crm-domain/audit/audit.module.js';
import { crmBusinessKeys } from '../crm-domain/access/crm-business-keys.js';
import { AuthModule } from '../crm-domain/auth/auth.module.js';
import { CrmModule } from '../crm-domain/crm.module.js';
import { DEFAULT_CRM_OPTIONS } from '../crm-domain/crm-options.js';
import { crmEntities } from '../crm-domain/entities.js';
import { DEFAULT_IMPORT_EXPORT_OPTIONS } from '../crm-domain/import/import-options.js';
import { EngineModule } from '../engine/nest/engine.module.js';
import { migrations } from '../migrations/index.js';
import { demoDataEnabled, type AppConfig } from './config.js';
import { HttpSafetyModule } from './http-safety/http-safety.module.js';

/** what end-to-end specs add to the composition root */
export interface AppModuleExtras {
  /** more controllers (the route-rule spec adds one without a rule) */
  readonly extraControllers?: readonly Type[];
}

/** one queue per database: services on different databases may share a Redis */
function defaultQueuePrefix(databaseUrl: string | undefined): string {
  if (!databaseUrl) return 'bpmn';
  const name = new URL(databaseUrl).pathname.replace(/^\//, '') || 'postgres';
  return `bpmn-${name.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

/** The composition root: the engine and the CRM, wired from the validated configuration. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, extras: AppModuleExtras = {}): DynamicModule {
    const seedDemo = demoDataEnabled(config);
    return {
      module: AppModule,
      controllers: [...(extras.extraControllers ?? [])],
      imports: [
        HttpSafetyModule,
        EngineModule.forRoot({
          databaseUrl: config.DATABASE_URL,
          dataDir: config.DATA_DIR,
          databasePoolSize: config.DATABASE_POOL_SIZE,
          redisUrl: config.REDIS_URL,
          queuePrefix: config.QUEUE_PREFIX ?? defaultQueuePrefix(config.DATABASE_URL),
          jobConcurrency: config.JOB_CONCURRENCY,
          jobPollConcurrency: config.JOB_POLL_CONCURRENCY,
          jobPollBatch: config.JOB_POLL_BATCH,
          jobPollGroup: config.JOB_POLL_GROUP,
          jobLockMs: config.JOB_LOCK_MS,
          reconcileMs: config.JOB_RECONCILE_MS,
          statisticsCompactMs: config.STATISTICS_COMPACT_MS,
          historyLevel: config.HISTORY_LEVEL,
          recentInstances: { capacity: config.INSTANCE_CACHE_SIZE, ttlMs: config.INSTANCE_CACHE_TTL_MS },
          maxDeploymentBytes: config.DEPLOYMENT_MAX_BYTES,
          maxDeploymentElements: config.DEPLOYMENT_MAX_ELEMENTS,
          maxDeploymentAttributes: config.DEPLOYMENT_MAX_ATTRIBUTES,
          maxDeploymentElementAttributes: config.DEPLOYMENT_MAX_ELEMENT_ATTRIBUTES,
          maxDeploymentDepth: config.DEPLOYMENT_MAX_DEPTH,
          maxDeploymentParseMs: config.DEPLOYMENT_MAX_PARSE_MS,
          migrations,
          entities: crmEntities,
          workerId: `${hostname()}:${process.pid}`,
          businessKeyRecords: crmBusinessKeys,
        }),
        CrmModule.forRoot({ seedDemo, demoPassword: config.DEMO_PASSWORD, smtpUrl: config.SMTP_URL, notifyAllowedRecipients: config.NOTIFY_ALLOWED_RECIPIENTS,
          ...(config.CRM_CALENDAR_TIME_ZONE ? { calendarTimeZone: config.CRM_CALENDAR_TIME_ZONE } : {}),
          activityReminders: { ...DEFAULT_CRM_OPTIONS.activityReminders, minutesBefore: config.ACTIVITY_REMIND_BEFORE_MINUTES },
          importExport: { ...DEFAULT_IMPORT_EXPORT_OPTIONS, importMaxRows: config.IMPORT_MAX_ROWS, importXlsxMaxUnpackedBytes: config.IMPORT_XLSX_MAX_UNPACKED_BYTES, importXlsxMaxUnpackRatio: config.IMPORT_XLSX_MAX_UNPACK_RATIO, importChunkRows: config.IMPORT_CHUNK_ROWS, exportMaxRows: config.EXPORT_MAX_ROWS },
        }),
        // before AuthModule: the audit's guard must start before the access guard refuses
        AuditModule,
        AuthModule.forRoot({
          sessionTtlMs: config.SESSION_TTL_HOURS * 60 * 60 * 1000,
          admin: config.ADMIN_EMAIL && config.ADMIN_PASSWORD ? { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD } : undefined,
          demoPassword: seedDemo ? config.DEMO_PASSWORD : undefined,
        }),
      ],
    };
  }
}
