import type { DiagramDecisions } from './dmn-files';

/**
 * A starter decision table (DMN 1.3, Camunda namespace): one input, one output, hit policy UNIQUE,
 * one empty rule, ids made unique with a random suffix. The file is named after the decision.
 */
export function newDmnFile(): DiagramDecisions {
  const suffix = Math.random().toString(36).slice(2, 8);
  const decisionId = `Decision_${suffix}`;
  return { fileName: `${decisionId}.dmn`, content: newDmnXml(suffix) };
}

function newDmnXml(suffix: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/"
  xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" xmlns:camunda="http://camunda.org/schema/1.0/dmn"
  id="Definitions_${suffix}" name="Decisions" namespace="http://camunda.org/schema/1.0/dmn" exporter="crm-designer" exporterVersion="1.0">
  <decision id="Decision_${suffix}" name="New decision" camunda:historyTimeToLive="180">
    <decisionTable id="DecisionTable_${suffix}" hitPolicy="UNIQUE">
      <input id="Input_${suffix}" label="Input">
        <inputExpression id="InputExpression_${suffix}" typeRef="string">
          <text>input</text>
        </inputExpression>
      </input>
      <output id="Output_${suffix}" label="Output" name="output" typeRef="string" />
      <rule id="Rule_${suffix}">
        <inputEntry id="UnaryTests_${suffix}">
          <text></text>
        </inputEntry>
        <outputEntry id="LiteralExpression_${suffix}">
          <text></text>
        </outputEntry>
      </rule>
    </decisionTable>
  </decision>
  <dmndi:DMNDI>
    <dmndi:DMNDiagram id="DMNDiagram_${suffix}">
      <dmndi:DMNShape id="DMNShape_${suffix}" dmnElementRef="Decision_${suffix}">
        <dc:Bounds height="80" width="180" x="160" y="100" />
      </dmndi:DMNShape>
    </dmndi:DMNDiagram>
  </dmndi:DMNDI>
</definitions>
`;
}
