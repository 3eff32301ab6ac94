import { bpmn, flows } from './bpmn-fixture.js';

/** a form-js schema with the given id; `label` tells versions apart */
export function formSchema(id: string, label = 'Approved?'): string {
  return JSON.stringify({
    id,
    type: 'default',
    schemaVersion: 19,
    components: [
      { id: 'Field_approved', key: 'approved', type: 'checkbox', label },
      { id: 'Field_comment', key: 'comment', type: 'textarea', label: 'Comment' },
    ],
  });
}

/** start → user task `review` with the given form attributes → end */
export function reviewProcess(processId: string, formAttributes: string): string {
  return bpmn(processId, `
    <startEvent id="start"/>
    <userTask id="review" name="Review" ${formAttributes}/>
    <endEvent id="end"/>
    ${flows('start', 'review', 'end')}`);
}
