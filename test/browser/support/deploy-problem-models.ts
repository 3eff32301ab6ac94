const header = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  id="deploy_problem_definitions" targetNamespace="http://bpmn.io/schema/bpmn">`;

const shape = (id: string, x: number, y: number, width = 36, height = 36) =>
  `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="${y}" width="${width}" height="${height}" /></bpmndi:BPMNShape>`;
const edge = (id: string, ...points: [number, number][]) =>
  `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}">${points.map(([x, y]) => `<di:waypoint x="${x}" y="${y}" />`).join('')}</bpmndi:BPMNEdge>`;

/** deploys with one warning: the gateway 'nothing' has one flow in and one out (rule gateway-pass-through) */
export const passThroughGatewayXml = `${header}
  <bpmn:process id="deploy_warning_check" name="Deploy warning check" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:exclusiveGateway id="nothing" name="Nothing to decide"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:userTask id="call" name="Call the client" camunda:candidateGroups="manager"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="nothing" />
    <bpmn:sequenceFlow id="f2" sourceRef="nothing" targetRef="call" />
    <bpmn:sequenceFlow id="f3" sourceRef="call" targetRef="end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="deploy_warning_check">
    ${shape('start', 152, 102)}${shape('nothing', 235, 95, 50, 50)}${shape('call', 330, 80, 100, 80)}${shape('end', 482, 102)}
    ${edge('f1', [188, 120], [235, 120])}${edge('f2', [285, 120], [330, 120])}${edge('f3', [430, 120], [482, 120])}
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

/** refused: the link catch event 'landing' has an incoming flow (rule link-catch-no-incoming, BPMN 2.0 §10.5.4) */
export const linkCatchWithIncomingXml = `${header}
  <bpmn:process id="deploy_refusal_check" name="Deploy refusal check" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="call" name="Call the client" camunda:candidateGroups="manager"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
    <bpmn:intermediateThrowEvent id="jump" name="To the end"><bpmn:incoming>f2</bpmn:incoming><bpmn:linkEventDefinition name="done" /></bpmn:intermediateThrowEvent>
    <bpmn:intermediateCatchEvent id="landing" name="Done"><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing><bpmn:linkEventDefinition name="done" /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
    <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="jump" />
    <bpmn:sequenceFlow id="f3" sourceRef="call" targetRef="landing" />
    <bpmn:sequenceFlow id="f4" sourceRef="landing" targetRef="end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="deploy_refusal_check">
    ${shape('start', 152, 102)}${shape('call', 240, 80, 100, 80)}${shape('jump', 392, 102)}${shape('landing', 392, 222)}${shape('end', 482, 222)}
    ${edge('f1', [188, 120], [240, 120])}${edge('f2', [340, 120], [392, 120])}${edge('f3', [290, 160], [290, 240], [392, 240])}${edge('f4', [428, 240], [482, 240])}
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
