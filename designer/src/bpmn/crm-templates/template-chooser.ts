import type { Element } from 'diagram-js/lib/model/Types';
import type { ElementTemplate } from './templates';

interface EventBus {
  on(event: string, callback: (event: { element: Element }) => void): void;
}
interface CommandStack {
  registerHandler(command: string, handler: unknown): void;
  execute(command: string, context: unknown): void;
}
interface ElementTemplates {
  getLatest(element: Element): ElementTemplate[];
}
interface Canvas {
  getContainer(): HTMLElement;
}
interface ContextPad {
  isOpen(target?: Element): boolean;
  open(target: Element): void;
  close(): void;
}

/**
 * The list analysts pick a template from: opened by the properties panel's "Select" button
 * (`elementTemplates.select`) or by `open(element)`. It puts the context pad away while it is open
 * (its icons would lie over it) and brings it back when it closes.
 */
export class CrmTemplateChooser {
  static $inject = ['eventBus', 'commandStack', 'elementTemplates', 'canvas', 'contextPad'];
  private dialog: HTMLElement | null = null;
  /** the element whose context pad the chooser put away */
  private padOf: Element | null = null;

  constructor(
    eventBus: EventBus,
    private readonly commandStack: CommandStack,
    private readonly elementTemplates: ElementTemplates,
    private readonly canvas: Canvas,
    private readonly contextPad: ContextPad,
  ) {
    eventBus.on('elementTemplates.select', (event) => this.open(event.element));
  }

  open(element: Element): void {
    this.close();
    const templates = this.elementTemplates.getLatest(element);
    const dialog = document.createElement('div');
    dialog.className = 'crm-template-chooser';
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-label', 'Choose a template');
    const title = document.createElement('h3');
    title.textContent = templates.length ? 'Choose a template' : 'No template applies to this element';
    dialog.append(title);
    const list = document.createElement('ul');
    for (const template of templates) {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'crm-template-option';
      button.dataset['templateId'] = template.id;
      const name = document.createElement('strong');
      name.textContent = template.name;
      const description = document.createElement('span');
      description.textContent = template.description;
      button.append(name, description);
      button.addEventListener('click', () => this.apply(element, template));
      item.append(button);
      list.append(item);
    }
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'crm-template-cancel';
    cancel.textContent = 'Cancel';
    cancel.addEventListener('click', () => this.close());
    dialog.append(list, cancel);
    if (this.contextPad.isOpen(element)) {
      this.padOf = element;
      this.contextPad.close();
    }
    this.canvas.getContainer().append(dialog);
    this.dialog = dialog;
  }

  apply(element: Element, template: ElementTemplate): void {
    this.commandStack.execute('crm.template.apply', { element, template });
    this.close();
  }

  close(): void {
    this.dialog?.remove();
    this.dialog = null;
    if (this.padOf) this.contextPad.open(this.padOf);
    this.padOf = null;
  }
}
