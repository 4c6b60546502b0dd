/** The household export as a printable page (values escaped; no script, no external asset). */
const escape = (value: unknown): string =>
  String(value ?? '—').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const date = (value: unknown): string => {
  if (!value) return '—';
  const d = new Date(String(value));
  return Number.isNaN(d.getTime()) ? escape(value) : d.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });
};

interface ExportData {
  exportedAt: string;
  household: Record<string, unknown>;
  retention: { lastContact: string; anonymiseOn: string; retentionMonths: number };
  prescriptions: Array<Record<string, unknown> & { followUps: Array<Record<string, unknown>>; machines: Array<Record<string, unknown>>; documents: Array<Record<string, unknown>> }>;
  accessLog: Array<{ at: string; action: string; actorName: string; details?: unknown }>;
}

const ACTIONS: Record<string, string> = { read: 'Consultation', list: 'Consultation (liste)', document: 'Document (PDF)', export_json: 'Export (JSON)', export_pdf: 'Export (PDF)', anonymise: 'Anonymisation' };

export function exportHtml(data: ExportData, workshop: string): string {
  const h = data.household;
  const rows = (pairs: Array<[string, unknown]>) => pairs.map(([k, v]) => `<tr><th>${escape(k)}</th><td>${v as string}</td></tr>`).join('');
  const prescriptions = data.prescriptions
    .map(
      (p) => `<h3>Prescription ${escape(p.number)}</h3><table>${rows([
        ['Prescripteur', escape(p.prescriber)],
        ['Étape', escape(p.stage)],
        ['Reçue le', date(p.receivedAt)],
        ['Décidée le', date(p.decidedAt)],
        ['Remise le', date(p.handedOverAt)],
        ['Motif', escape(p.reason)],
        ['Besoins', escape(p.needs ? JSON.stringify(p.needs) : null)],
        ['Machines', escape(p.machines.map((m) => [m.labelCode, m.brand, m.model].filter(Boolean).join(' ')).join(', ') || null)],
        ['Suivi', p.followUps.map((f) => `${date(f.date)} : ${escape(f.note)}`).join('<br>') || '—'],
        ['Documents émis', escape(p.documents.map((d) => `${d.number} (${d.kind})`).join(', ') || null)],
      ])}</table>`
    )
    .join('');
  const via = (details: unknown) => (details && typeof details === 'object' && typeof (details as { path?: unknown }).path === 'string' ? (details as { path: string }).path : '');
  const log = data.accessLog.map((l) => `<tr><td>${date(l.at)}</td><td>${escape(ACTIONS[l.action] ?? l.action)}</td><td>${escape(l.actorName)}</td><td>${escape(via(l.details))}</td></tr>`).join('');
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><style>
body{font-family:sans-serif;font-size:10pt;margin:18mm;color:#222}h1{font-size:16pt}h2{font-size:12pt;margin-top:8mm}h3{font-size:11pt}
table{border-collapse:collapse;width:100%;margin-bottom:4mm}th,td{border:1px solid #bbb;padding:3px 6px;text-align:left;vertical-align:top}th{width:32%;background:#f3f3f3}
</style></head><body>
<h1>Données détenues sur un foyer</h1>
<p>${escape(workshop)} — export du ${date(data.exportedAt)}, au titre du droit d'accès (RGPD, art. 15).</p>
<h2>Foyer</h2><table>${rows([
    ['Nom de référence', escape(h.referenceName)],
    ['Commune', escape(h.commune)],
    ['Enfants au collège', escape(h.childrenInCollege)],
    ['Téléphone', escape(h.phone)],
    ['Consentement recueilli le', date(h.consentDate)],
    ['Fiche créée le', date(h.createdAt)],
    ['Anonymisé le', date(h.anonymisedAt)],
  ])}</table>
<h2>Conservation</h2><table>${rows([
    ['Dernier contact', date(data.retention.lastContact)],
    ['Anonymisation prévue le', `${date(data.retention.anonymiseOn)} (${data.retention.retentionMonths} mois après le dernier contact)`],
  ])}</table>
<h2>Prescriptions</h2>${prescriptions || '<p>Aucune.</p>'}
<h2>Consultations des données du foyer</h2>${log ? `<table><tr><th>Date</th><th>Action</th><th>Qui</th><th>Route</th></tr>${log}</table>` : '<p>Aucune.</p>'}
</body></html>`;
}
