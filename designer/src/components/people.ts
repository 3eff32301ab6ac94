import { activeUsers } from '../api/account';
import { useLoad } from './common';

/** user id → display name (the CRM's active users) */
export function usePeople(): ReadonlyMap<string, string> {
  const people = useLoad(activeUsers, []);
  return new Map((people.data ?? []).map((u) => [u.id, u.name]));
}
