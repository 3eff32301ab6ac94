import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule } from 'bpmn-js-properties-panel';
import camundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import crmLintModule, { lintConfig } from '../../bpmn/crm-lint';
import crmTemplatesModule, { CRM_TEMPLATES } from '../../bpmn/crm-templates';
import deployProblemsModule from '../../bpmn/deploy-problems';
import preserveDiModule from '../../bpmn/preserve-di';

/** The analysts' modeler: Camunda 7 properties, CRM templates, linting, deploy problems. */
export function createModeler(canvas: HTMLElement, properties: HTMLElement): Modeler {
  return new Modeler({
    container: canvas,
    propertiesPanel: { parent: properties },
    elementTemplates: CRM_TEMPLATES,
    linting: { bpmnlint: lintConfig, active: true },
    moddleExtensions: { camunda: camundaModdle },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      CamundaPlatformPropertiesProviderModule,
      camundaBehaviorsModule,
      crmTemplatesModule,
      crmLintModule,
      deployProblemsModule,
      preserveDiModule,
    ],
  });
}
