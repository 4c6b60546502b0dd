import type { Context } from 'koa';
import type { Author } from '../services/documents';

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
  const name = [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email || `#${user.id}`;
  return { id: user.id, name };
}
