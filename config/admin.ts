import type { Core } from '@strapi/strapi';
import { secret } from '../src/utils/secrets';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => ({
  auth: {
    secret: secret('ADMIN_JWT_SECRET', env('ADMIN_JWT_SECRET')),
  },
  apiToken: {
    salt: secret('API_TOKEN_SALT', env('API_TOKEN_SALT')),
  },
  transfer: {
    token: {
      salt: secret('TRANSFER_TOKEN_SALT', env('TRANSFER_TOKEN_SALT')),
    },
  },
  secrets: {
    encryptionKey: secret('ENCRYPTION_KEY', env('ENCRYPTION_KEY')),
  },
  url: env('ADMIN_URL', '/admin'),
  // Strapi's « Configurer l'aperçu » links developers to its docs: the workshop previews its
  // documents in the documents plugin, so the content manager's preview panel stays off.
  preview: { enabled: false, config: { handler: () => null } },
  flags: {
    nps: false,
    promoteEE: false,
    docLinks: env.bool('FLAG_DOC_LINKS', false),
  },
});

export default config;
