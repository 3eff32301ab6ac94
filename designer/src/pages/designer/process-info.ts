import type Modeler from 'bpmn-js/lib/Modeler';

export interface ProcessInfo {
  readonly id: string;
  readonly name: string;
}

/** The (first executable) process of the open diagram: its id is the definition key. */
export function processInfo(modeler: Modeler): ProcessInfo | null {
  const definitions = modeler.getDefinitions() as { rootElements?: { $type: string; id: string; name?: string; isExecutable?: boolean }[] } | undefined;
  const processes = (definitions?.rootElements ?? []).filter((e) => e.$type === 'bpmn:Process');
  const process = processes.find((p) => p.isExecutable) ?? processes[0];
  if (!process) return null;
  return { id: process.id, name: process.name ?? process.id };
}

export function download(fileName: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: fileName.endsWith('.form') ? 'application/json' : 'application/xml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
