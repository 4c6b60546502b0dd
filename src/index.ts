import type { Core } from '@strapi/strapi';
import { ensureAdminRoles } from './bootstrap/admin-roles';
import { ensureFirstAdmin } from './bootstrap/admin-user';
import { configureContentManagerViews } from './bootstrap/content-manager-views';
import { ensureDefaultWorkshop } from './shared/server/default-workshop';
import { registerWorkshopCondition } from './bootstrap/workshop-condition';
import { failOnFailedCommit } from './database/commit-check';
import { runMigrationsAfterSync } from './database/migrations';
import { documentDataGuard, registerValueGuard } from './database/value-guard';
import { registerWorkshopOwner } from './database/workshop-owner';
import { businessRulesMiddleware } from './document-service/rules';
import { skillsMiddleware } from './document-service/skills';
import { presencesMiddleware } from './document-service/presences';
import { ensureDefaultSkills } from './bootstrap/skills';
import { ensureVolunteerBadges } from './bootstrap/badges';
import { publicUrl, publicUrlWarning } from './shared/server/public-url';
import { jobsSettings, startJobs, stopJobs } from './shared/server/jobs';
import { cacheAdminAbilities } from './shared/server/admin-abilities';
import { withUploadRules, type MiddlewareFactory } from './http/body';
import { gracefulShutdown, shutdownTimeoutMs } from './http/shutdown';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // The middlewares' context is narrower than Strapi's union of every action's params.
    // Values PostgreSQL cannot read are refused first, before any rule reads them.
    strapi.documents.use(documentDataGuard(strapi) as unknown as Parameters<typeof strapi.documents.use>[0]);
    strapi.documents.use(businessRulesMiddleware(strapi) as unknown as Parameters<typeof strapi.documents.use>[0]);
    // Trainings grant their skills; a grant gets its dates (src/document-service/skills.ts).
    strapi.documents.use(skillsMiddleware(strapi) as unknown as Parameters<typeof strapi.documents.use>[0]);
    // Presences: arrival before departure, at most PRESENCE_MAX_HOURS, never overlapping (src/document-service/presences.ts).
    strapi.documents.use(presencesMiddleware(strapi) as unknown as Parameters<typeof strapi.documents.use>[0]);
    strapi.hook('strapi::content-types.afterSync').register(async () => {
      await runMigrationsAfterSync(strapi);
    });
    // Multipart only where a file is expected, temporary files always removed (src/http/body.ts).
    strapi.get('middlewares').extend('strapi::body', (body: unknown) => withUploadRules(body as MiddlewareFactory));
    // Jobs stop before the plugins' destroy closes what a running job uses (Chromium, SMTP).
    const destroy = strapi.destroy.bind(strapi);
    strapi.destroy = async () => {
      await stopJobs(strapi);
      return destroy();
    };
    // Strapi's own signal handler (createStrapi → destroyOnSignal) calls strapi.destroy() on
    // SIGTERM/SIGINT, then exits. On SIGTERM, first of all: no new connections, requests in flight finish; then the jobs
    // stop and the plugins close (src/http/shutdown.ts). Wrapped last so it runs first.
    // Closing may take the jobs' own stop timeout, plus 10 s for the plugins, before a forced exit.
    gracefulShutdown(strapi, shutdownTimeoutMs(process.env.SHUTDOWN_TIMEOUT_MS), jobsSettings(process.env, false).stopTimeoutMs + 10000);
  },

  /** Idempotent: every step checks what exists before it writes. */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    // A COMMIT lost with its connection must fail the request, not answer 200 (src/database/commit-check.ts).
    failOnFailedCommit(strapi);
    registerValueGuard(strapi);
    // Every record of a workshop's type gets one, whichever writer forgot it (src/database/workshop-owner.ts).
    registerWorkshopOwner(strapi);
    // Each admin user's permissions computed once per change, not on every request.
    cacheAdminAbilities(strapi);
    await ensureDefaultWorkshop(strapi);
    // Before the roles, which carry it on every type that belongs to a workshop.
    registerWorkshopCondition(strapi);
    await ensureAdminRoles(strapi);
    await ensureDefaultSkills(strapi);
    await ensureVolunteerBadges(strapi);
    await ensureFirstAdmin(strapi);
    await configureContentManagerViews(strapi);
    const warning = publicUrlWarning(process.env.NODE_ENV, process.env.PUBLIC_URL, publicUrl(strapi));
    if (warning) strapi.log.warn(warning);
    // Last: every plugin has declared its queues and schedules in its own bootstrap.
    await startJobs(strapi);
  },
};
