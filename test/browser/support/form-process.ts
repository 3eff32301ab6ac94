/** An offer approval whose user task gets a Camunda Form in the designer. */
export const offerApprovalXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  id="offer_definitions" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="offer_approval" name="Offer approval" isExecutable="true">
    <bpmn:startEvent id="start" name="Offer drafted"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="approve_offer" name="Approve offer" camunda:candidateGroups="manager"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end" name="Offer decided"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="approve_offer" />
    <bpmn:sequenceFlow id="f2" sourceRef="approve_offer" targetRef="end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="offer_approval">
    <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="approve_di" bpmnElement="approve_offer"><dc:Bounds x="240" y="80" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="392" y="102" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="188" y="120" /><di:waypoint x="240" y="120" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="340" y="120" /><di:waypoint x="392" y="120" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

/** the form the analyst imports: the amount read-only, the decision as a checkbox, a required comment */
export const offerDecisionForm = JSON.stringify({
  id: 'offer-decision',
  type: 'default',
  schemaVersion: 19,
  components: [
    { id: 'Field_amount', key: 'amount', type: 'number', label: 'Offer amount', readonly: true },
    { id: 'Field_margin', key: 'margin', type: 'number', label: 'Expected margin (%)', decimalDigits: 1 },
    { id: 'Field_approved', key: 'approved', type: 'checkbox', label: 'Approve' },
    { id: 'Field_comment', key: 'comment', type: 'textarea', label: 'Comment', validate: { required: true } },
  ],
}, null, 2);
