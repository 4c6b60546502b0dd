import type { Context } from 'koa';
import type { Author } from '../services/documents';
import { staffName } from '../../../../../shared/server/display-name';

interface AdminUser {
  id: number;
  firstname?: string | null;
  lastname?: string | null;
  email?: string;
}

/** Who issues or sends: the logged-in staff member, or the API token used. */
export function authorOf(ctx: Context): Author | null {
  const state = ctx.state as { user?: AdminUser; auth?: { strategy?: { name?: string }; credentials?: { name?: string } } };
  if (state.auth?.strategy?.name === 'content-api-token' && state.auth.credentials) {
    return { id: null, name: `Jeton API « ${state.auth.credentials.name ?? '?'} »` };
  }
  const user = state.user;
  if (!user) return null;
  return { id: user.id, name: staffName(user) };
}
