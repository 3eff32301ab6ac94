import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Engine } from '../../engine/core/engine.js';
import { ParseError } from '../../engine/core/errors/index.js';
import { CRM_OPTIONS, type CrmOptions } from '../crm-options.js';
import { findProcessesDir, readProcessResources } from './reference-processes.js';

export const REFERENCE_DEPLOYMENT_NAME = 'crm-reference-processes';

/**
 * Deploys the reference processes (processes/*.bpmn, with the decision tables processes/*.dmn and
 * the forms processes/*.form they use) in one deployment at start, before any record event is
 * applied. Duplicate filtering: an unchanged model or table keeps its version; a changed one, or a
 * model whose linked form changed, gets a new one. A changed table alone gives only its decision a
 * new version: the models take the latest decision, so the next instances use the new rules.
 * A refused model (e.g. DEPLOYMENT_MAX_BYTES set below its size) is logged, not fatal: the service
 * runs, and record events wait (retried) until the process exists.
 */
@Injectable()
export class ProcessDeployer implements OnModuleInit {
  private readonly log = new Logger('CrmProcesses');

  constructor(
    private readonly engine: Engine,
    @Inject(CRM_OPTIONS) private readonly options: CrmOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    const resources = readProcessResources(findProcessesDir(this.options.processesDir));
    try {
      await this.deploy(resources);
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      this.log.error(`Reference processes NOT deployed: ${error.message}`);
    }
  }

  private async deploy(resources: ReturnType<typeof readProcessResources>): Promise<void> {
    const result = await this.engine.deploy({
      name: REFERENCE_DEPLOYMENT_NAME,
      source: 'crm',
      tenantId: null,
      enableDuplicateFiltering: true,
      deployChangedOnly: true,
      resources,
    });
    const deployed = [...(result.definitions ?? []), ...(result.decisionDefinitions ?? [])];
    this.log.log(
      deployed.length > 0
        ? `Deployed ${deployed.map((d) => `${d.key} v${d.version}`).join(', ')}`
        : `Reference processes unchanged (${resources.map((r) => r.name).join(', ')})`,
    );
  }
}
