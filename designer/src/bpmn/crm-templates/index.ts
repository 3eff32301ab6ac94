import { ElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import { ApplyCrmTemplateHandler } from './apply-template-handler';
import { CrmFormFields } from './form-fields';
import { CrmTemplateChooser } from './template-chooser';

interface CommandStack {
  registerHandler(command: string, handler: unknown): void;
}

function registerCommands(commandStack: CommandStack): void {
  commandStack.registerHandler('crm.template.apply', ApplyCrmTemplateHandler);
}
registerCommands.$inject = ['commandStack'];

/** CRM element templates: the chooser, the apply command and the form presets of user-task templates. */
export default {
  __depends__: [ElementTemplatesPropertiesProviderModule],
  __init__: ['crmTemplateChooser', registerCommands],
  crmTemplateChooser: ['type', CrmTemplateChooser],
  crmFormFields: ['type', CrmFormFields],
};

export { CRM_TEMPLATES, CRM_TOPICS } from './templates';
