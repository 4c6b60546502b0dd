import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { secret } from '../src/utils/secrets';

const allowedMediaTypes = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'application/pdf',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

// Local plugins: at run time __dirname is dist/config (compiled server code), at admin-build time
// it is config/ (the admin's TSX sources); both resolve to the plugin's folder.
const local = (name: string) => ({ enabled: true, resolve: path.join(__dirname, '..', 'src', 'plugins', name) });

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  pipeline: local('pipeline'),
  // The network of workshops: transfers between workshops (docs/network.md).
  network: local('network'),
  'users-permissions': {
    config: {
      jwtSecret: secret('JWT_SECRET', env('JWT_SECRET')),
      jwtManagement: 'refresh',
      sessions: {
        httpOnly: true,
      },
      register: { allowedFields: [] },
      // Replaced by the portal plugin's throttle, counted in PostgreSQL per account and per IP.
      ratelimit: { enabled: false },
    },
  },
  email: {
    config: {
      provider: 'nodemailer',
      providerOptions: {
        host: env('SMTP_HOST', '127.0.0.1'),
        port: env.int('SMTP_PORT', 1025),
        secure: env.bool('SMTP_SECURE', false),
        ignoreTLS: !env.bool('SMTP_SECURE', false) && !env('SMTP_USERNAME'),
        ...(env('SMTP_USERNAME') ? { auth: { user: env('SMTP_USERNAME'), pass: env('SMTP_PASSWORD') } } : {}),
      },
      settings: {
        defaultFrom: env('EMAIL_FROM', 'Seconde Vie <atelier@seconde-vie.test>'),
        defaultReplyTo: env('EMAIL_REPLY_TO', 'atelier@seconde-vie.test'),
      },
    },
  },
  intake: {
    ...local('intake'),
    config: { maxRows: env.int('INTAKE_MAX_ROWS', 20000), syncRows: env.int('INTAKE_SYNC_ROWS', 2000) },
  },
  documents: local('documents'),
  health: local('health'),
  portal: {
    ...local('portal'),
    config: {
      invitationTtlHours: env.int('PORTAL_INVITATION_TTL_HOURS', 72),
      resetTtlMinutes: env.int('PORTAL_RESET_TTL_MINUTES', 60),
      throttle: {
        windowMs: env.int('AUTH_THROTTLE_WINDOW_MINUTES', 15) * 60 * 1000,
        perIdentifier: env.int('AUTH_THROTTLE_PER_ACCOUNT', 5),
        perIp: env.int('AUTH_THROTTLE_PER_IP', 20),
      },
    },
  },
  site: {
    ...local('site'),
    config: {
      offerLimit: env.int('SITE_OFFER_LIMIT', 10),
      offerWindowMinutes: env.int('SITE_OFFER_WINDOW_MINUTES', 60),
      impactCacheSeconds: env.int('SITE_IMPACT_CACHE_SECONDS', 60),
    },
  },
  relations: {
    ...local('relations'),
    config: {
      digestCron: env('RELATIONS_DIGEST_CRON', '0 7 * * 1-5'),
      expiryCron: env('RELATIONS_EXPIRY_CRON', '30 6 * * *'),
    },
  },
  outreach: {
    ...local('outreach'),
    config: { sendPerMinute: env.int('OUTREACH_SEND_PER_MINUTE', 30), reminderCron: env('OUTREACH_REMINDER_CRON', '0 8 * * *') },
  },
  reporting: local('reporting'),
  privacy: {
    ...local('privacy'),
    config: {
      retentionMonths: env.int('HOUSEHOLD_RETENTION_MONTHS', 24),
      retentionCron: env('HOUSEHOLD_RETENTION_CRON', '0 3 * * *'),
      volunteerRetentionMonths: env.int('VOLUNTEER_RETENTION_MONTHS', 24),
      candidateRetentionMonths: env.int('CANDIDATE_RETENTION_MONTHS', 12),
    },
  },
  upload: {
    config: {
      sizeLimit: env.int('UPLOAD_SIZE_LIMIT', 50 * 1024 * 1024),
      security: {
        allowedTypes: allowedMediaTypes,
      },
    },
  },
});

export default config;
