/**
 * Adjustments to the moddle descriptors for global tasks, which call activities run in place
 * (see readers/global-tasks.ts):
 * - camunda's attributes of user and script tasks (assignee, formKey, resultVariable, ...) apply to
 *   global user and script tasks too, so they are read, not refused as unknown attributes;
 * - bpmn-moddle declares a global script task's `script` as an attribute, but the BPMN 2.0 schema
 *   (tGlobalScriptTask) has it as a `<script>` child element, as on a script task: read it so.
 */

interface Property {
  readonly name: string;
  readonly isAttr?: boolean;
  readonly [key: string]: unknown;
}

interface TypeDescriptor {
  readonly name: string;
  readonly extends?: readonly string[];
  readonly properties?: readonly Property[];
  readonly [key: string]: unknown;
}

interface PackageDescriptor {
  readonly types: readonly TypeDescriptor[];
  readonly [key: string]: unknown;
}

const GLOBAL_COUNTERPARTS: Readonly<Record<string, string>> = {
  'bpmn:UserTask': 'bpmn:GlobalUserTask',
  'bpmn:ScriptTask': 'bpmn:GlobalScriptTask',
};

export function withGlobalTaskExtensions(camunda: PackageDescriptor): PackageDescriptor {
  return {
    ...camunda,
    types: camunda.types.map((type) => {
      const counterparts = (type.extends ?? []).flatMap((extended) => (GLOBAL_COUNTERPARTS[extended] ? [GLOBAL_COUNTERPARTS[extended]] : []));
      return counterparts.length === 0 ? type : { ...type, extends: [...type.extends!, ...counterparts] };
    }),
  };
}

export function withGlobalScriptBody(bpmn: PackageDescriptor): PackageDescriptor {
  return {
    ...bpmn,
    types: bpmn.types.map((type) => type.name !== 'GlobalScriptTask' ? type : {
      ...type,
      properties: (type.properties ?? []).map((property) => {
        if (property.name !== 'script') return property;
        const { isAttr: _attribute, ...element } = property;
        return element;
      }),
    }),
  };
}

/**
 * camunda-bpmn-moddle's DmnCapable lacks Camunda 7's camunda:decisionRefVersionTag (the Camunda
 * Modeler writes it for the versionTag binding): declared here, so it is read, not refused as unknown.
 */
export function withDecisionRefVersionTag(camunda: PackageDescriptor): PackageDescriptor {
  return {
    ...camunda,
    types: camunda.types.map((type) => {
      if (type.name !== 'DmnCapable' || type.properties?.some((p) => p.name === 'decisionRefVersionTag')) return type;
      return { ...type, properties: [...(type.properties ?? []), { name: 'decisionRefVersionTag', isAttr: true, type: 'String' }] };
    }),
  };
}
