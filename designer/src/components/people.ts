import { signInChoices } from '../app/session';
import { useLoad } from './common';

/** user id → display name (the CRM's active users) */
export function usePeople(): ReadonlyMap<string, string> {
  const people = useLoad(signInChoices, []);
  return new Map((people.data ?? []).map((u) => [u.id, u.name]));
}
