/** form-js's viewer with its styles: loaded only when a task has a Camunda Form */
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';

export { Form } from '@bpmn-io/form-js-viewer';
