import { useEffect, useState } from 'preact/hooks';
import { setQuery } from '../../app/router';
import type { Task } from '../../api/engine-types';

interface TaskListLoad {
  readonly data: readonly Task[] | null;
  readonly loading: boolean;
  reload(): void;
}

/**
 * List and detail agree: after an action on the selected task the list reloads, and when the task
 * has left the list (unclaimed from "My tasks", given to someone else) its detail closes with a
 * note saying where it went. Returns the handler for "the task changed".
 */
export function useCloseWhenGone(list: TaskListLoad, selected: string | null, say: (message: string) => void): () => void {
  const [check, setCheck] = useState<{ taskId: string; before: readonly Task[] | null; name: string } | null>(null);
  useEffect(() => {
    if (!check || list.loading || list.data === check.before) return;
    setCheck(null);
    if (list.data && !list.data.some((t) => t.id === check.taskId)) {
      say(`Task "${check.name}" is no longer in this list`);
      setQuery({ task: null });
    }
  }, [check, list.data, list.loading]);
  return () => {
    if (!selected) return;
    const task = list.data?.find((t) => t.id === selected);
    setCheck({ taskId: selected, before: list.data, name: task?.name ?? task?.taskDefinitionKey ?? selected });
    list.reload();
  };
}
