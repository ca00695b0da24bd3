// The Users list's state lives in the URL (`#/users?status=active&sort=priority`): this turns
// those params into the users.list input and back. Params come from a pasted link, so an
// unknown value is ignored, never passed on.
import type { OpInput, UserSort } from '../../../preload/contract';

export type UsersListInput = NonNullable<OpInput<'users', 'list'>>;
export type UserListParams = Record<string, string>;

const SORTS: readonly UserSort[] = ['name', 'email', 'department', 'lastActivity', 'priority', 'openAlerts'];
const bool = (v: string | undefined) => (v === 'true' ? true : v === 'false' ? false : undefined);
const oneOf = <T extends string>(v: string | undefined, allowed: readonly T[]) =>
  allowed.includes(v as T) ? (v as T) : undefined;

/** The filters and sort the params name (the search is debounced separately, so it is passed in). */
export function usersListInput(params: UserListParams, search: string): Omit<UsersListInput, 'cursor' | 'limit'> {
  const input: Omit<UsersListInput, 'cursor' | 'limit'> = {};
  if (search.trim()) input.search = search.trim().slice(0, 200);
  const status = oneOf(params.status, ['active', 'inactive'] as const);
  if (status) input.status = status;
  const authMethod = oneOf(params.signIn, ['sso', 'password', 'none'] as const);
  if (authMethod) input.authMethod = authMethod;
  for (const key of ['admin', 'terminated', 'unclaimed', 'openAlerts'] as const) {
    const v = bool(params[key]);
    if (v !== undefined) input[key] = v;
  }
  const sort = oneOf(params.sort, SORTS);
  if (sort && sort !== 'name') input.sort = sort;
  if (params.reverse === 'true') input.reverse = true;
  return input;
}

/** The sort the params name, `name` when none or an unknown one. */
export function sortOf(params: UserListParams): { sort: UserSort; reverse: boolean } {
  return { sort: oneOf(params.sort, SORTS) ?? 'name', reverse: params.reverse === 'true' };
}
