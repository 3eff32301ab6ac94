import { loginUsers } from '../api/crm-users';
import { useLoad } from './common';

/** user id → display name (CRM users, or the built-in demo users) */
export function usePeople(): ReadonlyMap<string, string> {
  const people = useLoad(loginUsers, []);
  return new Map((people.data?.users ?? []).map((u) => [u.id, u.name]));
}
