#!/usr/bin/env bash
# CI production step: the README's « Production » recipe, on a copy of the project, against a
# real PostgreSQL server (Debian's, started in a temporary folder), never the embedded helper:
#   npm ci --omit=dev, NODE_ENV=production npm run build, start with DATABASE_URL,
#   wait for /_health/ready, log in as the first administrator, issue an erasure certificate
#   through its route, read the PDF back, stop with SIGTERM (clean exit, no Chromium left).
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/seconde-vie-prod-XXXXXX)"
app="$work/app"
log="$work/app.log"
pg_pid_file="$work/pg.json"
app_pid=""

say() { echo "[production] $*"; }
cleanup() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then kill -KILL "$app_pid" 2>/dev/null || true; fi
  [ -f "$pg_pid_file" ] && node "$src/scripts/lib/system-postgres-cli.mjs" stop "$pg_pid_file" || true
  rm -rf "$work"
}
trap cleanup EXIT

node "$src/scripts/ensure-test-tools.mjs"

# 1. A copy of the project as a clean clone has it (tracked and new files, no node_modules,
#    no dist, no .env, no .data).
say "copie du projet dans $app"
mkdir -p "$app"
(cd "$src" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do [ -e "$f" ] || continue; mkdir -p "$app/$(dirname "$f")"; cp -p "$f" "$app/$f"; done)

# 2. Install the production way: no devDependencies.
cd "$app"
say "npm ci --omit=dev"
npm ci --omit=dev --prefer-offline --no-audit --no-fund --loglevel=error
if [ -d node_modules/jest ] || [ -d node_modules/supertest ]; then echo "npm ci --omit=dev a installé des devDependencies"; exit 1; fi

# 3. A PostgreSQL server from the distribution's binaries.
node "$src/scripts/lib/system-postgres-cli.mjs" start "$pg_pid_file"
db_url="$(node -e "console.log(JSON.parse(require('fs').readFileSync('$pg_pid_file','utf8')).url)")"
say "PostgreSQL : $(node -e "console.log(JSON.parse(require('fs').readFileSync('$pg_pid_file','utf8')).version)")"

# 4. The settings file, as /etc/seconde-vie/env in the README: generated secrets, a first administrator.
secret() { node -e "console.log(require('crypto').randomBytes(24).toString('base64'))"; }
port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
cat > "$work/env" <<ENV
DATABASE_URL=$db_url
HOST=127.0.0.1
PORT=$port
PUBLIC_URL=http://127.0.0.1:$port
APP_KEYS=$(secret),$(secret)
API_TOKEN_SALT=$(secret)
ADMIN_JWT_SECRET=$(secret)
TRANSFER_TOKEN_SALT=$(secret)
JWT_SECRET=$(secret)
ENCRYPTION_KEY=$(secret)
ADMIN_EMAIL=ci@atelier.example
ADMIN_PASSWORD=Ci-$(secret)
SMTP_HOST=127.0.0.1
SMTP_PORT=9
ENV
export ENV_PATH="$work/env" NODE_ENV=production

# 5. Build with the settings the app runs with (the build loads the configuration, secrets included).
say "NODE_ENV=production npm run build"
npm run build -- --silent > "$work/build.log" 2>&1 || { tail -40 "$work/build.log"; exit 1; }

# 6. Start as deploy/seconde-vie.service does: Strapi itself, no npm in between, so SIGTERM reaches it.
say "strapi start (port $port)"
setsid node node_modules/@strapi/strapi/bin/strapi.js start > "$log" 2>&1 &
app_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 180); do
  if curl -fsS -o /dev/null "$base/_health/ready" 2>/dev/null; then break; fi
  if ! kill -0 "$app_pid" 2>/dev/null; then tail -60 "$log"; echo "l'application s'est arrêtée au démarrage"; exit 1; fi
  sleep 1
done
curl -fsS "$base/_health/ready" || { echo; tail -60 "$log"; echo "/_health/ready ne répond pas 200"; exit 1; }
echo

# 7. Log in, record a unit with an erased disk, issue its erasure certificate, read the PDF back.
node "$src/scripts/lib/ci-certificate.mjs" "$base" "$work/certificate.pdf"
pdfinfo "$work/certificate.pdf" | grep -E '^(Pages|Page size)'
text="$(pdftotext -layout "$work/certificate.pdf" -)"
grep -q "ATT-" <<<"$text" || { echo "$text"; echo "le PDF ne porte pas de numéro ATT-"; exit 1; }
grep -qi "effacement" <<<"$text" || { echo "$text"; echo "le PDF n'est pas un certificat d'effacement"; exit 1; }
say "certificat : $(grep -o 'ATT-[0-9-]*' <<<"$text" | head -1), $(pdfinfo "$work/certificate.pdf" | awk '/^Pages/ {print $2}') page(s)"

# 8. SIGTERM, as systemd sends it: the app exits with 0 and leaves none of its processes (Chromium).
descendants() { local p; for p in $(pgrep -P "$1"); do echo "$p"; descendants "$p"; done; }
children="$(descendants "$app_pid" | tr '\n' ' ')"
kill -TERM "$app_pid"
for _ in $(seq 1 30); do kill -0 "$app_pid" 2>/dev/null || break; sleep 1; done
if kill -0 "$app_pid" 2>/dev/null; then echo "l'application ne s'est pas arrêtée 30 s après SIGTERM"; exit 1; fi
code=0; wait "$app_pid" || code=$?
app_pid=""
if [ "$code" -ne 0 ]; then tail -30 "$log"; echo "sortie $code après SIGTERM (0 attendu)"; exit 1; fi
sleep 1
left=""; for p in $children; do if kill -0 "$p" 2>/dev/null; then left="$left $p"; fi; done
if [ -n "$left" ]; then ps -o pid,args -p ${left// /,} || true; kill -KILL $left 2>/dev/null || true; echo "des processus de l'application survivent à son arrêt :$left"; exit 1; fi
say "arrêt propre après SIGTERM ($(wc -w <<<"$children") processus enfants, dont Chromium, tous terminés)"
say "OK"
