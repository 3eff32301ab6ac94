import type { Element } from 'diagram-js/lib/model/Types';
import type { CrmFormFields } from './form-fields';
import { FORM_PRESETS } from './form-presets';
import type { ElementTemplate } from './templates';

interface ElementTemplates {
  applyTemplate(element: Element, template: ElementTemplate): Element;
}

export interface ApplyTemplateContext {
  element: Element;
  template: ElementTemplate;
}

/** `crm.template.apply`: applies a template and its form preset as one undoable command. */
export class ApplyCrmTemplateHandler {
  static $inject = ['elementTemplates', 'crmFormFields'];

  constructor(
    private readonly elementTemplates: ElementTemplates,
    private readonly formFields: CrmFormFields,
  ) {}

  postExecute(context: ApplyTemplateContext): void {
    const element = this.elementTemplates.applyTemplate(context.element, context.template);
    context.element = element;
    const preset = FORM_PRESETS[context.template.id];
    if (preset) this.formFields.ensure(element, preset);
  }
}
