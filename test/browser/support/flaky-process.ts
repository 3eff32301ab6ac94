/** A process whose service task calls an in-process handler that fails until told otherwise. */
export const FLAKY_TOPIC = 'crm.test.flaky';

export const flakyProcessXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  id="flaky_definitions" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="sync_deal" name="Sync deal to ERP" isExecutable="true">
    <bpmn:startEvent id="start" name="Deal won"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="sync" name="Sync to ERP" camunda:type="external" camunda:topic="${FLAKY_TOPIC}"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:endEvent id="end" name="Synced"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="sync" />
    <bpmn:sequenceFlow id="f2" sourceRef="sync" targetRef="end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="sync_deal">
    <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="sync_di" bpmnElement="sync"><dc:Bounds x="240" y="80" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="392" y="102" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="188" y="120" /><di:waypoint x="240" y="120" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="340" y="120" /><di:waypoint x="392" y="120" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

/** a model the engine refuses at deploy (a JavaScript script task) */
export const refusedProcessXml = flakyProcessXml
  .replace(/sync_deal/g, 'refused_sync')
  .replace(/<bpmn:serviceTask id="sync" name="Sync to ERP"[^>]*>/, '<bpmn:scriptTask id="sync" name="Sync to ERP" scriptFormat="javascript">')
  .replace('</bpmn:serviceTask>', '<bpmn:script>1</bpmn:script></bpmn:scriptTask>');
