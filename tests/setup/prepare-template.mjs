// Boots the compiled app once against DATABASE_URL (schema sync, migrations, bootstrap) and,
// for the "demo" template, loads the demo data.
import path from 'node:path';
import { createRequire } from 'node:module';
import { root, withStrapi } from '../../scripts/lib/strapi-app.mjs';

const require = createRequire(import.meta.url);
const kind = process.argv[2];

await withStrapi(async (strapi) => {
  if (kind === 'demo') {
    const { seedDemo } = require(path.join(root, 'dist', 'src', 'seed', 'demo.js'));
    await seedDemo(strapi);
  }
});
process.exit(0);
