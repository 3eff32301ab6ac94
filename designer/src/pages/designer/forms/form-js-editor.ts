/** form-js's editor with its styles: loaded only when an analyst opens a form */
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';

export { FormEditor } from '@bpmn-io/form-js-editor';
