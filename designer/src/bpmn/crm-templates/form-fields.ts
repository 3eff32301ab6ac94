import type { Element } from 'diagram-js/lib/model/Types';
import type { FormFieldPreset } from './form-presets';

interface ModdleElement {
  $type: string;
  $parent?: ModdleElement;
  get(name: string): any;
  [key: string]: any;
}
interface BpmnFactory {
  create(type: string, attrs?: Record<string, unknown>): ModdleElement;
}
interface Modeling {
  updateProperties(element: Element, properties: Record<string, unknown>): void;
  updateModdleProperties(element: Element, target: ModdleElement, properties: Record<string, unknown>): void;
}

/** Adds `camunda:formData` fields to a user task, unless it already has a generated form. */
export class CrmFormFields {
  static $inject = ['bpmnFactory', 'modeling'];

  constructor(
    private readonly bpmnFactory: BpmnFactory,
    private readonly modeling: Modeling,
  ) {}

  ensure(element: Element, presets: readonly FormFieldPreset[]): void {
    const businessObject = (element as unknown as { businessObject: ModdleElement }).businessObject;
    let extensions: ModdleElement | undefined = businessObject.get('extensionElements');
    if (!extensions) {
      extensions = this.bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
      extensions.$parent = businessObject;
      this.modeling.updateProperties(element, { extensionElements: extensions });
    }
    const values: ModdleElement[] = extensions.get('values');
    if (values.some((v) => v.$type === 'camunda:FormData')) return;
    const formData = this.bpmnFactory.create('camunda:FormData', { fields: [] });
    formData.$parent = extensions;
    const fields = presets.map((preset) => {
      const field = this.bpmnFactory.create('camunda:FormField', { id: preset.id, label: preset.label, type: preset.type });
      field.$parent = formData;
      if (preset.values) {
        field['values'] = preset.values.map((v) => {
          const value = this.bpmnFactory.create('camunda:Value', { id: v.id, name: v.name });
          value.$parent = field;
          return value;
        });
      }
      return field;
    });
    formData['fields'] = fields;
    this.modeling.updateModdleProperties(element, extensions, { values: [...values, formData] });
  }
}
