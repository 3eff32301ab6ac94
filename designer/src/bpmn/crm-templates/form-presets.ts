/** Form fields a template adds to its user task (templates of the Camunda 7 dialect cannot bind form fields). */
export interface FormFieldPreset {
  readonly id: string;
  readonly label: string;
  readonly type: 'string' | 'long' | 'boolean' | 'date' | 'enum';
  readonly values?: readonly { id: string; name: string }[];
}

export const FORM_PRESETS: Readonly<Record<string, readonly FormFieldPreset[]>> = {
  'crm.approval': [
    { id: 'approved', label: 'Approve', type: 'boolean' },
    { id: 'comment', label: 'Comment', type: 'string' },
  ],
};
