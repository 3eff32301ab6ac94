import type { TypedValue } from '../variables/index.js';
import type { ProcessInstanceState } from './records.js';

/**
 * Work that crosses from one process instance to another (call activities, signals). The command
 * processor carries it out in the same transaction, loading the other instance as needed.
 */
export type CrossInstanceEffect =
  | {
      readonly kind: 'startCalledInstance';
      readonly superInstanceId: string;
      readonly superElementInstanceId: string;
      readonly definition:
        | { readonly by: 'latest'; readonly key: string }
        | { readonly by: 'deployment'; readonly key: string; readonly deploymentId: string }
        | { readonly by: 'version'; readonly key: string; readonly version: number }
        | { readonly by: 'versionTag'; readonly key: string; readonly versionTag: string };
      readonly businessKey: string | null;
      readonly variables: ReadonlyMap<string, TypedValue>;
      readonly tenantId: string | null;
    }
  | {
      /** a business rule task evaluates its decision in the command; the task is triggered with the result */
      readonly kind: 'evaluateDecision';
      readonly instanceId: string;
      readonly elementInstanceId: string;
      readonly decision:
        | { readonly by: 'latest'; readonly key: string; readonly tenantId: string | null }
        | { readonly by: 'deployment'; readonly key: string; readonly deploymentId: string }
        | { readonly by: 'version'; readonly key: string; readonly version: number; readonly tenantId: string | null }
        | { readonly by: 'versionTag'; readonly key: string; readonly versionTag: string; readonly tenantId: string | null };
      /** the variables visible at the task, as plain JS values */
      readonly variables: Readonly<Record<string, unknown>>;
    }
  | {
      readonly kind: 'calledInstanceEnded';
      readonly superInstanceId: string;
      readonly superElementInstanceId: string;
      readonly calledInstanceId: string;
      /** the called instance's process variables, for the call activity's output mappings */
      readonly variables: ReadonlyMap<string, TypedValue>;
    }
  | {
      readonly kind: 'terminateInstance';
      readonly instanceId: string;
      readonly state: ProcessInstanceState;
      readonly reason: string;
      /** the caller's command skips listeners (`skipCustomListeners`): so does the called instance's end */
      readonly skipCustomListeners?: boolean;
    }
  | {
      readonly kind: 'propagateError';
      readonly superInstanceId: string;
      readonly superElementInstanceId: string;
      readonly errorCode: string;
      readonly errorMessage: string | null;
      /** the throwing instance's process variables, for the call activity's output mappings */
      readonly variables: ReadonlyMap<string, TypedValue>;
      /** the element that threw: it waits until a caller catches the error or none does */
      readonly thrower: { readonly instanceId: string; readonly elementInstanceId: string; readonly uncaught: 'complete' | 'end' };
    }
  | {
      readonly kind: 'propagateEscalation';
      readonly superInstanceId: string;
      readonly superElementInstanceId: string;
      readonly escalationCode: string;
      /** the element that threw: it waits until the callers had their say */
      readonly thrower: { readonly instanceId: string; readonly elementInstanceId: string };
    }
  | {
      readonly kind: 'broadcastSignal';
      readonly signalName: string;
      readonly variables: ReadonlyMap<string, TypedValue>;
      readonly tenantId: string | null;
      /** the instance that threw it: its own catchers got it when it was thrown */
      readonly thrownIn: string | null;
    };
