import type { ModdleDefinitions, ModdleElement } from '../moddle-reader.js';
import type { ParseIssues } from '../parse-issues.js';
import type { RuleContext } from './rule-context.js';
import { PROCESS_EXECUTABLE, PROCESS_EXECUTABLE_UNSPECIFIED, PUBLIC_PROCESS_NOT_EXECUTABLE } from './catalogue.js';


/**
 * The processes to deploy: isExecutable="true", and, as in Camunda 7 (ENGINE-01011), those that do
 * not say (with a warning). A file whose every process says "false" is refused.
 */
export function executableProcesses(definitions: ModdleDefinitions, issues: ParseIssues): ModdleElement[] {
  const processes = (definitions.rootElements ?? []).filter((e) => e.$type === 'bpmn:Process');
  // a public process that does not say is a description of a private one, not something to run
  const executable = processes.filter((p) => p['isExecutable'] === true || (p['isExecutable'] === undefined && p['processType'] !== 'Public'));
  for (const process of executable) {
    if (process['isExecutable'] !== undefined) continue;
    issues.warn(process.id ?? null, `Expected the process to say isExecutable="true" or "false", but it has no isExecutable attribute: it is deployed as executable, as Camunda 7 does`, PROCESS_EXECUTABLE_UNSPECIFIED);
  }
  if (executable.length === 0) {
    const ids = processes.map((p) => p.id).filter(Boolean).join(', ');
    issues.add(
      null,
      `Expected at least one process with isExecutable="true", but ${processes.length === 0 ? 'the file has no process' : `none of the processes (${ids}) is executable`}`,
      PROCESS_EXECUTABLE,
    );
  }
  return executable;
}

/** a public process shows only what a partner sees of a private one: it cannot be executed (Table 10.1) */
export function checkProcessType(context: RuleContext): void {
  for (const { process } of context.processes) {
    if (process['processType'] !== 'Public') continue;
    context.issues.add(process.id ?? null, 'Expected an executable process to be private, but it has processType="Public" (a public process describes what partners see and MUST NOT be executable)', PUBLIC_PROCESS_NOT_EXECUTABLE);
  }
}
